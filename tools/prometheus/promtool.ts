import { spawnSync } from 'node:child_process';
import path from 'node:path';

const INSTALL_SCRIPT = path.join(__dirname, 'install-prometheus.sh');

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** promtool and prometheus on PATH: installs Debian's `prometheus` package when they are missing (clean CI machines). */
export function ensurePrometheusInstalled(): void {
  if (hasCommand('promtool') && hasCommand('prometheus')) return;
  console.log('[prometheus] promtool or prometheus missing: installing the Debian package (tools/prometheus/install-prometheus.sh)');
  const result = spawnSync('sh', [INSTALL_SCRIPT], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`installing Prometheus failed (exit ${result.status ?? result.signal}); see ${INSTALL_SCRIPT}`);
}

/** Runs promtool with `args`; throws with its output when it fails. */
export function promtool(args: readonly string[], input?: string): string {
  const result = spawnSync('promtool', args, { encoding: 'utf8', input });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`promtool ${args.join(' ')} failed:\n${output}`);
  return output;
}

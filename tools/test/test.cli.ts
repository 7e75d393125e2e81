/**
 * `npm test`: static checks, unit tests, then the integration and end-to-end suites against the
 * real local stack (started here when it is not running). Services are restarted so the tests
 * always exercise the code in this checkout. Under CI=true the stack this run started is stopped
 * at the end.
 */
import { spawnSync } from 'node:child_process';
import { ensureStack, SERVICES, stopServices, stopStack } from '../stack';
import { isPortOpen } from '../stack/port-probe';
import { stackDir, stackPaths } from '../stack/stack-paths';

const root = `${__dirname}/../..`;
const passthroughArgs = process.argv.slice(2);

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now();
  console.log(`\n[test] ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', ...env } });
  if (result.status !== 0) {
    console.error(`[test] ${title} failed (exit ${result.status ?? result.signal})`);
    throw new Error(`${title} failed`);
  }
  console.log(`[test] ${title} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const ci = process.env.CI === 'true';
  step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  // Nx computes the project graph the module-boundary rule reads, then lints each project (cached).
  step('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
  // Unused, unlisted or unresolvable dependencies, and services loading a devDependency (knip.jsonc).
  step('dependencies', 'npm', ['run', 'deps:check']);
  step('unit tests', 'npx', ['jest', '--selectProjects', 'unit', ...passthroughArgs]);
  // Installs Debian's prometheus package when promtool is missing (the Prometheus e2e test needs it too).
  step('prometheus rules', 'node', ['tools/run.js', 'tools/prometheus/check-rules.cli.ts']);

  await stopServices(stackPaths(stackDir(process.env)));
  await refuseForeignServices();
  await ensureStack({ services: true });
  try {
    step('integration and end-to-end tests', 'npx', ['jest', '--selectProjects', 'integration', '--runInBand', ...passthroughArgs], { CI: ci ? 'true' : '' });
  } finally {
    if (ci) await stopStack();
  }
}

/**
 * The end-to-end tests must exercise this checkout's code. Services this checkout started were just
 * stopped; anything still answering on their ports belongs to another checkout or process.
 */
async function refuseForeignServices(): Promise<void> {
  const busy = [];
  for (const service of SERVICES) if (await isPortOpen('127.0.0.1', service.port)) busy.push(`${service.name} (:${service.port})`);
  if (busy.length > 0) {
    throw new Error(`ports of ${busy.join(', ')} are held by processes this checkout did not start; stop them (npm run stack:down in their checkout) so the tests run this code`);
  }
}

main().catch((error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

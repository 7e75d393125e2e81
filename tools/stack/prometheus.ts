import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SupervisedProcess } from './process-supervisor';
import { SERVICES, instancePort } from './services';
import { WORKSPACE_ROOT, type StackPaths } from './stack-paths';

export const PROMETHEUS_PROCESS_NAME = 'prometheus';
const READY_TIMEOUT_MS = 60_000;
/** Local stack: scrape and evaluate often so a test sees a change within seconds (production: 15–30 s). */
export const LOCAL_SCRAPE_INTERVAL = '2s';
export const PROMETHEUS_JOB = 'furnish';
/** The rule files a deployment loads, from the repository. */
export const DEPLOY_RULES_GLOB = path.join(WORKSPACE_ROOT, 'deploy', 'prometheus', 'rules', '*.rules.yml');

export const prometheusDir = (paths: StackPaths) => path.join(paths.root, 'prometheus');
/** Extra rule files for tests (e.g. alerts with short `for:`), loaded beside the deployed ones; reload after changing. */
export const prometheusExtraRulesDir = (paths: StackPaths) => path.join(prometheusDir(paths), 'rules.d');
const configFile = (paths: StackPaths) => path.join(prometheusDir(paths), 'prometheus.yml');

export const isPrometheusInstalled = (): boolean => spawnSync('sh', ['-c', 'command -v prometheus'], { stdio: 'ignore' }).status === 0;

/**
 * prometheus.yml for the local stack: the four services (replica 0) as job `furnish`, each with a
 * `service` label as the Prometheus Operator gives a ServiceMonitor's targets, and the deployed
 * rules plus the test rules directory.
 */
export function prometheusConfig(paths: StackPaths): string {
  const targets = SERVICES.map(
    (service) => `      - targets: ['127.0.0.1:${instancePort(service.name)}']\n        labels:\n          service: ${service.name}`,
  ).join('\n');
  return `# Written by tools/stack/prometheus.ts on every start; edits are lost.
global:
  scrape_interval: ${LOCAL_SCRAPE_INTERVAL}
  evaluation_interval: ${LOCAL_SCRAPE_INTERVAL}
rule_files:
  - ${DEPLOY_RULES_GLOB}
  - ${path.join(prometheusExtraRulesDir(paths), '*.yml')}
scrape_configs:
  - job_name: ${PROMETHEUS_JOB}
    scrape_timeout: ${LOCAL_SCRAPE_INTERVAL}
    static_configs:
${targets}
`;
}

export function prometheusProcess(port: number, paths: StackPaths): SupervisedProcess {
  const config = configFile(paths);
  const url = `http://127.0.0.1:${port}`;
  return {
    name: PROMETHEUS_PROCESS_NAME,
    what: 'Prometheus server',
    command: 'prometheus',
    args: [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(prometheusDir(paths), 'data')}`,
      '--storage.tsdb.retention.time=1d',
      `--web.listen-address=127.0.0.1:${port}`,
      // POST /-/reload: tests add rule files without a restart.
      '--web.enable-lifecycle',
    ],
    cwd: prometheusDir(paths),
    marker: config,
    host: '127.0.0.1',
    port,
    isReady: () => isPrometheusReady(url),
    readyTimeoutMs: READY_TIMEOUT_MS,
    prepare: async () => {
      mkdirSync(prometheusExtraRulesDir(paths), { recursive: true });
      writeFileSync(config, prometheusConfig(paths));
    },
  };
}

export async function isPrometheusReady(url: string): Promise<boolean> {
  const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
  return response?.ok === true;
}

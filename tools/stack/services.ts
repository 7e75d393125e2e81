import { existsSync } from 'node:fs';
import path from 'node:path';
import { startNodeService } from './node-service';
import { ownedProcess, stopProcess, type RunOutcome, type StopOutcome } from './process-supervisor';
import type { StackConfig } from './stack-config';
import { WORKSPACE_ROOT, type StackPaths } from './stack-paths';
import { describeOutcome, statusFromOutcome, type ComponentStatus } from './stack-status';

export interface ServiceDefinition {
  readonly name: string;
  /** HTTP port for /health and /metrics. */
  readonly port: number;
}

/** In pipeline order; stack:down stops them in reverse. */
export const SERVICES = [
  { name: 'consent-ledger', port: 9101 },
  { name: 'consent-filter', port: 9102 },
  { name: 'minimiser', port: 9103 },
  { name: 'bureau-formatter', port: 9104 },
] as const satisfies readonly ServiceDefinition[];

export const serviceEntry = (service: ServiceDefinition) => `apps/${service.name}/src/main.ts`;

/** What every service gets from the stack; each app's own config schema decides what it reads. */
export function serviceEnvironment(config: StackConfig, service: ServiceDefinition): Record<string, string> {
  return {
    HTTP_PORT: String(service.port),
    KAFKA_BROKERS: config.kafka.brokers.join(','),
    SCHEMA_REGISTRY_URL: config.registry.url,
    DATABASE_URL: config.postgres.appUrl,
  };
}

/** Starts every service whose app exists; an app that is not written yet is reported, not an error. */
export async function startServices(
  config: StackConfig,
  paths: StackPaths,
  log: (line: string) => void,
): Promise<ComponentStatus[]> {
  const statuses: ComponentStatus[] = [];
  for (const service of SERVICES) {
    const entry = serviceEntry(service);
    const address = `http://127.0.0.1:${service.port}`;
    if (!existsSync(path.join(WORKSPACE_ROOT, entry))) {
      log(`  ${service.name}: ${entry} does not exist yet, not started`);
      statuses.push({ component: service.name, address, pid: null, detail: 'not started', logFile: null });
      continue;
    }
    const outcome = await startNodeService({ name: service.name, entry, port: service.port, env: serviceEnvironment(config, service) }, paths);
    log(`  ${service.name}: ${describeOutcome(outcome, address)}`);
    statuses.push(statusFromOutcome(service.name, address, outcome, paths.logFile(service.name)));
  }
  return statuses;
}

export async function stopServices(paths: StackPaths): Promise<Array<[string, StopOutcome]>> {
  const outcomes: Array<[string, StopOutcome]> = [];
  for (const service of [...SERVICES].reverse()) outcomes.push([service.name, await stopProcess(service.name, paths)]);
  return outcomes;
}

export type ServiceName = (typeof SERVICES)[number]['name'];

function serviceNamed(name: ServiceName): ServiceDefinition {
  return SERVICES.find((s) => s.name === name) as ServiceDefinition;
}

/** Starts one service as stack:up would (used by tests that stop and restart services). */
export function startService(name: ServiceName, config: StackConfig, paths: StackPaths): Promise<RunOutcome> {
  const service = serviceNamed(name);
  return startNodeService({ name, entry: serviceEntry(service), port: service.port, env: serviceEnvironment(config, service) }, paths);
}

/** SIGTERM, then wait for a graceful exit: what Kubernetes does to a pod. */
export const stopService = (name: ServiceName, paths: StackPaths): Promise<StopOutcome> => stopProcess(name, paths);

/** SIGKILL with no warning: a crash, an OOM kill or a lost node. */
export function killService(name: ServiceName, paths: StackPaths): boolean {
  const owned = ownedProcess(paths.pidFile(name));
  if (!owned) return false;
  process.kill(-owned.pid, 'SIGKILL');
  return true;
}

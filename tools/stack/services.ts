import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { StackConfigError } from './errors';
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

/**
 * The services' HTTP ports are this base + 1…4 (default 9100, so 9101–9104). Another base lets a
 * second checkout run its own stack beside this one (with its own KAFKA_BROKERS, SCHEMA_REGISTRY_URL
 * and DATABASE_URL).
 */
export function servicePortBase(setting: string | undefined = process.env['FURNISH_SERVICE_PORT_BASE']): number {
  if (setting === undefined || setting === '') return 9100;
  const base = Number(setting);
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) {
    throw new StackConfigError('FURNISH_SERVICE_PORT_BASE', `must be a whole number from 1024 to 65000 (got ${setting})`);
  }
  return base;
}

const PORT_BASE = servicePortBase();

/** In pipeline order; stack:down stops them in reverse. */
export const SERVICES = [
  { name: 'consent-ledger', port: PORT_BASE + 1 },
  { name: 'consent-filter', port: PORT_BASE + 2 },
  { name: 'minimiser', port: PORT_BASE + 3 },
  { name: 'bureau-formatter', port: PORT_BASE + 4 },
] as const satisfies readonly ServiceDefinition[];

export const serviceEntry = (service: ServiceDefinition) => `apps/${service.name}/src/main.ts`;

/** What every service gets from the stack; each app's own config schema decides what it reads. */
export function serviceEnvironment(config: StackConfig, service: ServiceDefinition): Record<string, string> {
  return {
    HTTP_PORT: String(service.port),
    KAFKA_BROKERS: config.kafka.brokers.join(','),
    SCHEMA_REGISTRY_URL: config.registry.url,
    DATABASE_URL: config.postgres.appUrl,
    // Declares local development: the services accept the repository's development pseudonym key.
    FURNISH_ENV: 'local',
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
  for (const service of [...SERVICES].reverse()) {
    for (const replica of runningReplicas(service.name, paths).reverse()) {
      outcomes.push([instanceName(service.name, replica), await stopProcess(instanceName(service.name, replica), paths)]);
    }
  }
  return outcomes;
}

export type ServiceName = (typeof SERVICES)[number]['name'];

export function serviceNamed(name: ServiceName): ServiceDefinition {
  return SERVICES.find((s) => s.name === name) as ServiceDefinition;
}

/**
 * Replica 0 is the instance stack:up starts. Further replicas (as Kubernetes would run them: the
 * same consumer group, their own process) get their own pid file, log and HTTP port (+10 per replica).
 */
export const instanceName = (name: ServiceName, replica = 0): string => (replica === 0 ? name : `${name}.${replica}`);
export const instancePort = (name: ServiceName, replica = 0): number => serviceNamed(name).port + 10 * replica;

/** Replica numbers of `name` with a pid file, replica 0 included whether or not it runs. */
function runningReplicas(name: ServiceName, paths: StackPaths): number[] {
  const prefix = `${name}.`;
  const replicas = existsSync(paths.run)
    ? readdirSync(paths.run)
        .filter((file) => file.startsWith(prefix) && file.endsWith('.pid'))
        .map((file) => Number(file.slice(prefix.length, -'.pid'.length)))
        .filter((n) => Number.isInteger(n) && n > 0)
    : [];
  return [0, ...replicas.sort((a, b) => a - b)];
}

/**
 * Starts one instance as stack:up would (used by tests that stop, restart and scale services);
 * `env` adds or overrides variables (e.g. a short KAFKA_SESSION_TIMEOUT_MS for a zombie test).
 */
export function startService(name: ServiceName, config: StackConfig, paths: StackPaths, replica = 0, env: Record<string, string> = {}): Promise<RunOutcome> {
  const service = { name, port: instancePort(name, replica) };
  return startNodeService(
    { name: instanceName(name, replica), entry: serviceEntry(serviceNamed(name)), port: service.port, env: { ...serviceEnvironment(config, service), ...env } },
    paths,
  );
}

/** SIGTERM, then wait for a graceful exit: what Kubernetes does to a pod. */
export const stopService = (name: ServiceName, paths: StackPaths, replica = 0): Promise<StopOutcome> =>
  stopProcess(instanceName(name, replica), paths);

/** SIGKILL with no warning: a crash, an OOM kill or a lost node. */
export function killService(name: ServiceName, paths: StackPaths, replica = 0): boolean {
  return signalService(name, 'SIGKILL', paths, replica);
}

/**
 * Sends a signal to an instance's process group, e.g. SIGSTOP and later SIGCONT to stall it past
 * its session timeout (a zombie). False when the instance does not run.
 */
export function signalService(name: ServiceName, signal: NodeJS.Signals, paths: StackPaths, replica = 0): boolean {
  const owned = ownedProcess(paths.pidFile(instanceName(name, replica)));
  if (!owned) return false;
  process.kill(-owned.pid, signal);
  return true;
}

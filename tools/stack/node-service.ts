import { StackConfigError } from './errors';
import { ensureRunning, type RunOutcome } from './process-supervisor';
import { compiledPath, ensureServicesBuilt } from './service-build';
import { stackPaths, WORKSPACE_ROOT, type StackPaths } from './stack-paths';

export interface NodeServiceSpec {
  readonly name: string;
  /** Workspace-relative TypeScript entry, e.g. 'apps/minimiser/src/main.ts'. */
  readonly entry: string;
  readonly port: number;
  readonly env?: Record<string, string>;
  readonly readyTimeoutMs?: number;
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;

/**
 * The V8 old-generation limit of every service. Left alone, V8 sizes the heap from the machine's
 * memory and lets garbage pile up to hundreds of MiB under load; with this cap a service stays
 * under 256 MiB RSS (docs/benchmarks.md). Deployments set the same through NODE_OPTIONS;
 * `FURNISH_SERVICE_MAX_OLD_SPACE_MB` changes it for the local stack and the bench.
 */
export function serviceMaxOldSpaceMb(setting: string | undefined = process.env['FURNISH_SERVICE_MAX_OLD_SPACE_MB']): number {
  if (setting === undefined || setting === '') return 128;
  const mb = Number(setting);
  if (!Number.isInteger(mb) || mb < 64) throw new StackConfigError('FURNISH_SERVICE_MAX_OLD_SPACE_MB', `must be a whole number of MiB, at least 64 (got ${setting})`);
  return mb;
}

/** The node flag carrying the cap, for every process that must run the way services run. */
export const serviceHeapFlag = (): string => `--max-old-space-size=${serviceMaxOldSpaceMb()}`;

/**
 * Builds the services if their sources changed, runs the compiled entry point detached, and waits
 * for GET /health/ready to answer 200.
 */
export async function startNodeService(spec: NodeServiceSpec, paths: StackPaths = stackPaths()): Promise<RunOutcome> {
  await ensureServicesBuilt();
  const entry = compiledPath(spec.entry);
  return ensureRunning(
    {
      name: spec.name,
      what: `service ${spec.name}`,
      command: process.execPath,
      args: [serviceHeapFlag(), entry],
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...spec.env },
      marker: entry,
      host: '127.0.0.1',
      port: spec.port,
      isReady: () => isHttpReady(`http://127.0.0.1:${spec.port}/health/ready`),
      readyTimeoutMs: spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    },
    paths,
  );
}

async function isHttpReady(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.status === 200;
}

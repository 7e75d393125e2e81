import path from 'node:path';
import { ensureRunning, type RunOutcome } from './process-supervisor';
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

/** Runs `node tools/run.js <entry>` detached and waits for GET /health/ready to answer 200. */
export function startNodeService(spec: NodeServiceSpec, paths: StackPaths = stackPaths()): Promise<RunOutcome> {
  const entry = path.resolve(WORKSPACE_ROOT, spec.entry);
  return ensureRunning(
    {
      name: spec.name,
      what: `service ${spec.name}`,
      command: process.execPath,
      args: [path.join(WORKSPACE_ROOT, 'tools', 'run.js'), entry],
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

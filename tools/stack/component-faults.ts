import { KAFKA_PROCESS_NAME } from './kafka';
import { ownedProcess, stopProcess, type StopOutcome } from './process-supervisor';
import { REGISTRY_PROCESS_NAME } from './registry';
import { ensureStack } from './stack';
import { kafkaStartStep, registryStartStep } from './stack-steps';
import type { StackPaths } from './stack-paths';

/** The infrastructure the stack runs itself and tests may break: the broker and the registry. */
export type StackComponent = 'kafka' | 'registry';

const PROCESS_NAMES: Record<StackComponent, string> = { kafka: KAFKA_PROCESS_NAME, registry: REGISTRY_PROCESS_NAME };
const START_STEPS = { kafka: kafkaStartStep, registry: registryStartStep };

/** SIGKILL (a crash or a lost node) or SIGTERM-and-wait (a rolling restart) of a component this stack started. */
export async function stopComponent(component: StackComponent, paths: StackPaths, how: 'kill' | 'terminate'): Promise<StopOutcome> {
  const name = PROCESS_NAMES[component];
  if (how === 'terminate') return stopProcess(name, paths);
  const owned = ownedProcess(paths.pidFile(name));
  if (!owned) return { kind: 'not-running' };
  process.kill(-owned.pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (ownedProcess(paths.pidFile(name)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return { kind: 'stopped', pid: owned.pid, forced: true };
}

/** Starts a stopped component again with the stack's own step and waits until it is ready. */
export async function startComponent(component: StackComponent, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await ensureStack({ env, services: false, steps: [START_STEPS[component]], log: () => undefined });
}

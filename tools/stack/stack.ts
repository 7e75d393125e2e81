import { stopProcess, type StopOutcome } from './process-supervisor';
import { KAFKA_PROCESS_NAME } from './kafka';
import { PROMETHEUS_PROCESS_NAME } from './prometheus';
import { REGISTRY_PROCESS_NAME } from './registry';
import { stopServices } from './services';
import { loadStackConfig, type StackConfig } from './stack-config';
import { stackDir, stackPaths } from './stack-paths';
import type { ComponentStatus } from './stack-status';
import { prometheusStep, servicesStep, STACK_STEPS, type StackContext, type StackStep } from './stack-steps';

export interface EnsureStackOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Start the pipeline services too (default true). Tests that run stages in-process pass false. */
  readonly services?: boolean;
  readonly steps?: readonly StackStep[];
  readonly log?: (line: string) => void;
}

export interface StackStatus {
  readonly config: StackConfig;
  readonly components: readonly ComponentStatus[];
}

const defaultLog = (line: string) => console.log(line);

/** Brings the local stack up, step by step; safe to call when (parts of) it already run. */
export async function ensureStack(options: EnsureStackOptions = {}): Promise<StackStatus> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const context: StackContext = {
    config: loadStackConfig(env),
    paths: stackPaths(stackDir(env)),
    components: [],
    log,
  };
  const steps = (options.steps ?? STACK_STEPS).filter((step) => options.services !== false || (step !== servicesStep && step !== prometheusStep));
  for (const step of steps) {
    const started = Date.now();
    try {
      const summary = await step.run(context);
      log(`[stack] ${step.name.padEnd(15)} ${summary} (${seconds(started)})`);
    } catch (error) {
      log(`[stack] ${step.name.padEnd(15)} FAILED (${seconds(started)})`);
      throw error;
    }
  }
  return { config: context.config, components: context.components };
}

/** Stops what this tool started (per its pid files): services, then the registry, then Kafka. */
export async function stopStack(options: Pick<EnsureStackOptions, 'env' | 'log'> = {}): Promise<void> {
  const log = options.log ?? defaultLog;
  const paths = stackPaths(stackDir(options.env ?? process.env));
  const report = (name: string, outcome: StopOutcome, started: number) => {
    const what =
      outcome.kind === 'not-running'
        ? 'not running from this tool, nothing to stop'
        : `stopped pid ${outcome.pid}${outcome.forced ? ' (SIGKILL after grace period)' : ''}`;
    log(`[stack] stop ${name.padEnd(16)} ${what} (${seconds(started)})`);
  };
  let started = Date.now();
  report(PROMETHEUS_PROCESS_NAME, await stopProcess(PROMETHEUS_PROCESS_NAME, paths), started);
  started = Date.now();
  for (const [name, outcome] of await stopServices(paths)) {
    report(name, outcome, started);
    started = Date.now();
  }
  for (const name of [REGISTRY_PROCESS_NAME, KAFKA_PROCESS_NAME]) {
    started = Date.now();
    report(name, await stopProcess(name, paths), started);
  }
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

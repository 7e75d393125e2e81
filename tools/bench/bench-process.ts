import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceEnvironment, serviceHeapFlag, startNodeService, type ServiceName, type StackConfig, type StackPaths } from '../stack';
import { ownedProcess, stopProcess } from '../stack/process-supervisor';
import { WORKSPACE_ROOT } from '../stack/stack-paths';
import { procRss, scrapeMetrics, serviceMemory, type MemorySample, type MetricSamples } from './service-metrics';

const PRELOAD = path.join(WORKSPACE_ROOT, 'tools', 'bench', 'cpu-profiler.preload.js');

/** What a drain needs from the process it measures: a stage service or the passthrough. */
export interface DrainProcess {
  readonly label: string;
  readonly pid: number;
  /** Every process whose CPU counts as the drained one's (several for a group of replicas). */
  readonly pids: readonly number[];
  memory(): Promise<MemorySample | undefined>;
  /** The service's /metrics; undefined for the passthrough. */
  metrics(): Promise<MetricSamples | undefined>;
  /** Starts the CPU profiler (only when started with a profile directory). */
  startProfile(): Promise<void>;
  /** Stops it; resolves with the written .cpuprofile file. */
  stopProfile(): Promise<string>;
  stop(): Promise<void>;
}

export interface ProfileOptions {
  readonly dir: string;
  readonly name: string;
}

function profileEnv(profile: ProfileOptions | undefined): Record<string, string> {
  if (!profile) return {};
  mkdirSync(profile.dir, { recursive: true });
  const existing = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { NODE_OPTIONS: `${existing}--require ${PRELOAD}`, FURNISH_CPU_PROFILE_DIR: profile.dir, FURNISH_CPU_PROFILE_NAME: profile.name };
}

async function waitForFile(dir: string, match: (name: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = existsSync(dir) ? readdirSync(dir).find(match) : undefined;
    if (found) return path.join(dir, found);
    if (Date.now() > deadline) throw new Error(`no profile file appeared in ${dir} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Toggles the preload's profiler with SIGUSR2 and waits for its marker or its profile. */
class ProfilerSwitch {
  private stops = 0;

  constructor(
    private readonly pid: number,
    private readonly profile: ProfileOptions | undefined,
  ) {}

  async start(): Promise<void> {
    if (!this.profile) throw new Error('started without a profile directory');
    const { dir, name } = this.profile;
    process.kill(this.pid, 'SIGUSR2');
    await waitForFile(dir, (f) => f === `${name}-${this.pid}.started`, 10_000);
  }

  async stop(): Promise<string> {
    if (!this.profile) throw new Error('started without a profile directory');
    const { dir, name } = this.profile;
    this.stops += 1;
    process.kill(this.pid, 'SIGUSR2');
    return waitForFile(dir, (f) => f === `${name}-${this.pid}-${this.stops}.cpuprofile`, 60_000);
  }
}

/**
 * A stage service started under its own name (`bench-<service>`, `bench-<service>.<replica>` for
 * further replicas: own pid and log file under .stack) with a bench consumer group, so it is
 * measured apart from the stack's own service.
 */
export class BenchService implements DrainProcess {
  private constructor(
    readonly label: string,
    readonly pid: number,
    private readonly port: number,
    private readonly paths: StackPaths,
    private readonly profiler: ProfilerSwitch,
  ) {}

  static async start(options: {
    service: ServiceName;
    config: StackConfig;
    paths: StackPaths;
    port: number;
    groupId: string;
    /** Replicas after the first (1, 2, …) get a name of their own; the caller gives each its own port. */
    replica?: number;
    env?: Record<string, string>;
    profile?: ProfileOptions;
  }): Promise<BenchService> {
    const { service, config, paths, port, groupId, profile } = options;
    const name = options.replica ? `bench-${service}.${options.replica}` : `bench-${service}`;
    await startNodeService(
      {
        name,
        entry: `apps/${service}/src/main.ts`,
        port,
        env: {
          ...serviceEnvironment(config, { name: service, port }),
          KAFKA_CONSUMER_GROUP: groupId,
          ...options.env,
          ...profileEnv(profile),
        },
      },
      paths,
    );
    const owned = ownedProcess(paths.pidFile(name));
    if (!owned) throw new Error(`${name} started but its pid file is missing`);
    return new BenchService(name, owned.pid, port, paths, new ProfilerSwitch(owned.pid, profile));
  }

  get pids(): readonly number[] {
    return [this.pid];
  }

  memory(): Promise<MemorySample | undefined> {
    return serviceMemory(this.port)();
  }

  metrics(): Promise<MetricSamples | undefined> {
    return scrapeMetrics(this.port);
  }

  startProfile(): Promise<void> {
    return this.profiler.start();
  }

  stopProfile(): Promise<string> {
    return this.profiler.stop();
  }

  async stop(): Promise<void> {
    await stopProcess(this.label, this.paths);
  }
}

/** The raw kafkajs passthrough (passthrough.main.ts) as a child process of the bench. */
export class PassthroughProcess implements DrainProcess {
  readonly label = 'passthrough';

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    private readonly profiler: ProfilerSwitch,
  ) {}

  static async start(options: {
    config: StackConfig;
    groupId: string;
    inputTopics: readonly string[];
    outputTopic: string;
    profile?: ProfileOptions;
  }): Promise<PassthroughProcess> {
    const { config, groupId, inputTopics, outputTopic, profile } = options;
    // The services' heap cap too: garbage collection is part of what is compared.
    const args = [serviceHeapFlag(), path.join(WORKSPACE_ROOT, 'tools', 'run.js'), 'tools/bench/passthrough.main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        KAFKA_BROKERS: config.kafka.brokers.join(','),
        BENCH_PASSTHROUGH_GROUP: groupId,
        BENCH_PASSTHROUGH_INPUTS: inputTopics.join(','),
        BENCH_PASSTHROUGH_OUTPUT: outputTopic,
        ...profileEnv(profile),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`passthrough did not join its group within 60 s: ${stderr}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('"joined"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`passthrough exited (${code}) before joining: ${stderr}`));
      });
    });
    return new PassthroughProcess(child, child.pid as number, new ProfilerSwitch(child.pid as number, profile));
  }

  get pids(): readonly number[] {
    return [this.pid];
  }

  async memory(): Promise<MemorySample | undefined> {
    const rss = procRss(this.pid);
    return rss === undefined ? undefined : { rss };
  }

  async metrics(): Promise<MetricSamples | undefined> {
    return undefined;
  }

  startProfile(): Promise<void> {
    return this.profiler.start();
  }

  stopProfile(): Promise<string> {
    return this.profiler.stop();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const forced = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
    if (forced) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

/**
 * Replicas of one stage in one consumer group, drained as one: CPU is summed over their processes,
 * /metrics samples are summed (counters and histogram buckets add up across replicas), memory is
 * the largest replica's. Not profiled.
 */
export class ReplicaGroup implements DrainProcess {
  constructor(private readonly members: readonly BenchService[]) {
    if (members.length === 0) throw new Error('a replica group needs at least one member');
  }

  get label(): string {
    return `${this.members[0].label} × ${this.members.length}`;
  }

  get pid(): number {
    return this.members[0].pid;
  }

  get pids(): readonly number[] {
    return this.members.map((m) => m.pid);
  }

  async memory(): Promise<MemorySample | undefined> {
    const samples = (await Promise.all(this.members.map((m) => m.memory()))).filter((m): m is MemorySample => m !== undefined);
    return samples.sort((a, b) => b.rss - a.rss)[0];
  }

  async metrics(): Promise<MetricSamples | undefined> {
    const scrapes = await Promise.all(this.members.map((m) => m.metrics()));
    if (scrapes.some((s) => s === undefined)) return undefined;
    return sumSamples(scrapes as MetricSamples[]);
  }

  startProfile(): Promise<void> {
    return Promise.reject(new Error('a replica group is not profiled'));
  }

  stopProfile(): Promise<string> {
    return Promise.reject(new Error('a replica group is not profiled'));
  }

  async stop(): Promise<void> {
    for (const member of this.members) await member.stop();
  }
}

/** Sample-wise sum of several scrapes (the same series names add up). */
function sumSamples(scrapes: readonly MetricSamples[]): MetricSamples {
  const total = new Map<string, number>();
  for (const samples of scrapes) for (const [key, value] of samples) total.set(key, (total.get(key) ?? 0) + value);
  return total;
}

/**
 * `npm run bench:streams`: the Kafka Streams comparison pipeline of issue 17 (tools/bench/kafka-streams,
 * README there), measured on this machine and broker the way `npm run bench` measures Furnish's
 * sustained run, so the two figures come from the same machine rather than from another one.
 *
 *  1. Builds the jar (`mvn -q -o`, online only when the offline build fails).
 *  2. On topics, subjects and consumer groups under FURNISH_TOPIC_PREFIX (the npm script sets
 *     `streams.`): deletes what an earlier run left, creates the pipeline's topics (same partition
 *     counts as Furnish's) and registers the schemas.
 *  3. Encodes the Furnish bench's data sets (bench-dataset.ts, the bench's seed and consent share,
 *     'occurred' order) with Furnish's own Avro serde: a warm-up of 2,000 events and the sustained set
 *     (BENCH_EVENTS, 20,000); publishes their consents first.
 *  4. Starts the three Kafka Streams JVMs (filter, minimiser, formatter), each its own application id;
 *     the filter restores the consents into its global store before it reports RUNNING.
 *  5. Warm-up, then the sustained set published as fast as possible, timed from the first send until
 *     the formatter's group has committed everything (checked stage by stage, as the Furnish bench
 *     does) and a read_committed consumer has read every outbound record; CPU per process from /proc,
 *     peak RSS (VmHWM) of each JVM.
 *  6. Raw passthroughs on the same input (the sustained set's loan events, pre-filled behind an open
 *     transaction and released once the consumer joined, as the Furnish bench's drains): the Kafka
 *     Streams passthrough twice in one JVM (cold, then warm), and Furnish's kafkajs passthrough.
 *
 * Writes BENCH_STREAMS_REPORT (default tmp/kafka-streams.md) and prints it. Knobs: BENCH_EVENTS,
 * BENCH_SEED, BENCH_CONSENT_SHARE (bench-settings.ts), BENCH_STREAMS_WARMUP_EVENTS (default 2,000), BENCH_STREAMS_HEAP (JVM -Xmx/-Xms, default 256m),
 * STREAMS_THREADS and STREAMS_COMMIT_INTERVAL_MS (passed to the JVMs; defaults 1 and 100).
 * Never starts or stops the stack: it waits for a running one. Before it starts, it waits (up to
 * BENCH_STREAMS_WAIT_SECONDS, 900) until no other benchmark runs, and names any that ran beside it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { SchemaCatalog, TOPIC_PREFIX, TOPICS } from '@furnish/shared-contracts';
import { provisionAllTopics, registerAllSchemas } from '@furnish/shared-provisioning';
import { loadStackConfig, stackDir, stackPaths, type StackConfig } from '../stack';
import { ownedProcess } from '../stack/process-supervisor';
import { WORKSPACE_ROOT } from '../stack/stack-paths';
import { deletePrefixedTopicsAndGroups } from '../kafka/prefixed-cleanup';
import { endOffsets, type Offsets } from '../kafka/topic-offsets';
import { encodeBenchDataset, type EncodedSet } from './encoded-dataset';
import { PassthroughProcess, type DrainProcess } from './bench-process';
import { loadBenchSettings, type BenchSettings } from './bench-settings';
import { CpuMeter, pidsNamed, processCpuSeconds, type CpuUsage } from './cpu-accounting';
import { measureDrain, type DrainResult } from './drain.measure';
import { GatedBatch, type BenchMessage } from './gated-batch';
import { GroupOffsetsWriter } from './group-offsets.writer';
import { machineInfo, type MachineInfo } from './machine-info';
import { OutboundWatcher } from './outbound.watcher';
import { publishPaced } from './paced.publisher';
import { waitForChain, type ChainStage } from './pipeline-progress';
import { readRange } from './topic-range.reader';
import type { MemorySample } from './service-metrics';

const PROJECT_DIR = path.join(WORKSPACE_ROOT, 'tools', 'bench', 'kafka-streams');
const JAR = path.join(PROJECT_DIR, 'target', 'furnish-kafka-streams.jar');
const PASSTHROUGH_TOPIC = `${TOPIC_PREFIX}furnish.bench.passthrough.v1`;
const MINIMISED = Object.values(TOPICS.minimised);
const OUTBOUND = Object.values(TOPICS.outbound);
const STAGES = ['filter', 'minimiser', 'formatter'] as const;
type Stage = (typeof STAGES)[number] | 'passthrough';
const STAGE_INPUTS: Readonly<Record<(typeof STAGES)[number], ChainStage['inputTopics']>> = {
  filter: [TOPICS.loanEvents],
  minimiser: [TOPICS.consentedLoanEvents],
  formatter: MINIMISED,
};

interface PipelineRun {
  readonly events: number;
  /** First send → the formatter's group committed everything; how long publishing took. */
  readonly time: { readonly seconds: number; readonly publishSeconds: number };
  /** Records the read_committed watcher counted for this set (keys with the set's prefix). */
  readonly outbound: number;
  /** CPU by process; VmHWM of each JVM, bytes. */
  readonly usage: { readonly cpu: CpuUsage; readonly peakRss: ReadonlyMap<string, number> };
  /** Other benchmark or test processes seen during the run (sampled every second), and the busiest processes outside the table. */
  readonly neighbours: { readonly benches: readonly string[]; readonly busiest: readonly string[] };
}

interface Report {
  readonly run: { readonly id: string; readonly startedAt: Date; readonly wallSeconds: number };
  readonly machine: MachineInfo;
  /** Furnish's bench settings: the data set's size, seed and consent share. */
  readonly settings: BenchSettings;
  /** The runtime, and -Xms/-Xmx of every JVM. */
  readonly jvm: { readonly java: string; readonly heap: string };
  /** Borrowers in the filter's global store once it was RUNNING (restored from the consent topic). */
  readonly consentsHeld: number;
  readonly warmUp: PipelineRun;
  readonly sustained: PipelineRun;
  readonly passthrough: { readonly cold: DrainResult; readonly warm: DrainResult; readonly kafkajs: DrainResult; readonly peakRss: number };
  readonly furnish: FurnishRun | undefined;
  /** The sustained run's outbound records per topic, and the payload lengths seen there. */
  readonly outboundByTopic: ReadonlyMap<string, { count: number; payloadLengths: ReadonlySet<number> }>;
}

/** One Kafka Streams application in a JVM of its own; ready once it printed `STATE RUNNING`. */
class StreamsJvm implements DrainProcess {
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exit.then(() => (this.exited = true));
  }

  get pids(): readonly number[] {
    return [this.pid];
  }

  static async start(stage: Stage, applicationId: string, options: { config: StackConfig; heap: string; logDir: string }): Promise<{ jvm: StreamsJvm; consents: number }> {
    const child = spawn('java', [`-Xms${options.heap}`, `-Xmx${options.heap}`, '-jar', JAR, stage], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        KAFKA_BROKERS: options.config.kafka.brokers.join(','),
        SCHEMA_REGISTRY_URL: options.config.registry.url,
        FURNISH_SCHEMAS_DIR: path.join(WORKSPACE_ROOT, 'schemas'),
        STREAMS_APPLICATION_ID: applicationId,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`could not start the ${stage} JVM`);
    const jvm = new StreamsJvm(`kafka-streams ${stage}`, child, child.pid);
    const log = createWriteStream(path.join(options.logDir, `${stage}.log`));
    child.stderr?.pipe(log);
    let consents = Number.NaN;
    const running = new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        log.write(`${line}\n`);
        if (line.startsWith('CONSENTS ')) consents = Number(line.slice('CONSENTS '.length));
        if (line === 'STATE RUNNING') resolve();
        if (line === 'STATE ERROR' || line === 'STATE NOT_RUNNING') reject(new Error(`the ${stage} JVM stopped (${line}); see ${path.join(options.logDir, `${stage}.log`)}`));
      });
      child.once('exit', (code) => reject(new Error(`the ${stage} JVM exited with ${code}; see ${path.join(options.logDir, `${stage}.log`)}`)));
    });
    try {
      await Promise.race([running, sleep(180_000, undefined, { ref: false }).then(() => Promise.reject(new Error(`the ${stage} JVM was not RUNNING within 180 s`)))]);
    } catch (error) {
      await jvm.stop();
      throw error;
    }
    return { jvm, consents };
  }

  memory(): Promise<MemorySample | undefined> {
    const rss = statusKiB(this.pid, 'VmRSS');
    return Promise.resolve(rss === undefined ? undefined : { rss: rss * 1024 });
  }

  /** Peak resident set of the JVM so far (VmHWM), bytes. */
  peakRss(): number {
    return (statusKiB(this.pid, 'VmHWM') ?? Number.NaN) * 1024;
  }

  metrics(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  startProfile(): Promise<void> {
    return Promise.reject(new Error('no profiler for the JVMs'));
  }

  stopProfile(): Promise<string> {
    return Promise.reject(new Error('no profiler for the JVMs'));
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exit.then(() => true), sleep(30_000, undefined, { ref: false }).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exit;
    }
  }
}

/** The local broker: the stack's pid file, or (the stack of another checkout) the JVM running kafka.Kafka. */
function brokerPid(): number | undefined {
  const owned = ownedProcess(stackPaths(stackDir(process.env)).pidFile('kafka'))?.pid;
  if (owned) return owned;
  return processesMatching((command) => command.includes('kafka.Kafka'))[0]?.pid;
}

/** Processes whose command line matches, with that command line (arguments joined by spaces). */
function processesMatching(test: (command: string) => boolean): Array<{ pid: number; command: string }> {
  const found: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (test(command)) found.push({ pid: Number(entry), command });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** CPU seconds of every process now, by pid, with its command line. */
function cpuSnapshot(): Map<number, { seconds: number; command: string }> {
  const snapshot = new Map<number, { seconds: number; command: string }>();
  for (const { pid, command } of processesMatching(() => true)) {
    const seconds = processCpuSeconds(pid);
    if (seconds !== undefined) snapshot.set(pid, { seconds, command: command || `[${pid}]` });
  }
  return snapshot;
}

/** The processes outside `accounted` that used the most CPU between two snapshots (≥ 0.2 s each). */
function busiestOthers(before: ReadonlyMap<number, { seconds: number }>, after: ReadonlyMap<number, { seconds: number; command: string }>, accounted: ReadonlySet<number>): string[] {
  return [...after]
    .filter(([pid]) => !accounted.has(pid))
    .map(([pid, { seconds, command }]) => ({ pid, command, used: seconds - (before.get(pid)?.seconds ?? 0) }))
    .filter((p) => p.used >= 0.2)
    .sort((a, b) => b.used - a.used)
    .slice(0, 5)
    .map((p) => `${p.command.slice(0, 90)} (${p.used.toFixed(1)} s)`);
}

/** Pids of processes this bench started that are not JVMs (the kafkajs passthrough). */
const OWN_PIDS = new Set<number>();

/**
 * Other benchmarks, chaos runs or tests running beside this one (their figures and ours would share
 * the two cores): any command line naming bench, chaos, jest or pipeline-e2e but this bench's own.
 */
function otherBenches(): string[] {
  return processesMatching(
    (command) => /bench|chaos|jest|pipeline-e2e/i.test(command) && !/kafka-streams|bench:streams/.test(command),
  )
    .filter(({ pid }) => pid !== process.pid && !OWN_PIDS.has(pid))
    .map(({ pid, command }) => `${pid} ${command.slice(0, 120)}`);
}

/** Waits (up to `seconds`) until no other benchmark runs; says what it waited for. */
async function waitForQuietMachine(seconds: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (let others = otherBenches(), logged = false; others.length > 0; others = otherBenches()) {
    if (Date.now() > deadline) {
      log(`still running after ${seconds} s, measuring anyway (the report names them): ${others.join('; ')}`);
      return;
    }
    if (!logged) log(`waiting for other benchmarks to finish: ${others.join('; ')}`);
    logged = true;
    await sleep(5_000);
  }
}

function statusKiB(pid: number, field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

class StreamsBench {
  private readonly runId = randomBytes(4).toString('hex').toUpperCase();
  private readonly started = Date.now();
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly offsets: GroupOffsetsWriter;
  private readonly serde: AvroSerde;
  private readonly registry: SchemaRegistryClient;
  private readonly logDir: string;
  private readonly jvms = new Map<Stage, StreamsJvm>();
  private readonly others = new Set<DrainProcess>();
  private readonly gates = new Set<GatedBatch>();
  private watcher: OutboundWatcher | undefined;
  private counter = 0;

  constructor(
    private readonly settings: BenchSettings,
    private readonly config: StackConfig,
    private readonly heap: string,
  ) {
    this.kafka = new Kafka({ clientId: `furnish-streams-bench-${this.runId}`, brokers: [...config.kafka.brokers], logLevel: logLevel.NOTHING });
    this.admin = this.kafka.admin();
    this.offsets = new GroupOffsetsWriter(this.kafka, this.admin, this.group('offsets'));
    this.registry = new SchemaRegistryClient({ url: config.registry.url });
    this.serde = new AvroSerde(this.registry, SchemaCatalog.load());
    this.logDir = path.join(WORKSPACE_ROOT, 'tmp', 'kafka-streams', this.runId);
  }

  log(line: string): void {
    console.log(`[bench:streams ${((Date.now() - this.started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
  }

  async run(): Promise<Report> {
    const startedAt = new Date();
    mkdirSync(this.logDir, { recursive: true });
    this.log(`run ${this.runId}; JVM logs in ${path.relative(WORKSPACE_ROOT, this.logDir)}`);
    await waitForQuietMachine(Number(process.env.BENCH_STREAMS_WAIT_SECONDS ?? 900), (line) => this.log(line));
    buildJar((line) => this.log(line));
    await this.waitForStack();
    await this.freshTopics();
    const machine = await machineInfo(this.config);

    this.log('generating and encoding the data sets');
    const warmUpSet = await this.encodeSet('WU', warmUpEvents(this.settings));
    const sustainedSet = await this.encodeSet('SU', this.settings.events);
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const consents = [...warmUpSet.consents, ...sustainedSet.consents];
      await publishPaced(producer, consents, Number.POSITIVE_INFINITY);
      this.log(`published ${consents.length} consent events`);

      let consentsHeld = Number.NaN;
      await Promise.all(
        STAGES.map(async (stage) => {
          const { jvm, consents: held } = await StreamsJvm.start(stage, this.applicationId(stage), { config: this.config, heap: this.heap, logDir: this.logDir });
          this.jvms.set(stage, jvm);
          if (stage === 'filter') consentsHeld = held;
        }),
      );
      this.log(`JVMs running (filter, minimiser, formatter); the filter's store holds ${consentsHeld} borrowers`);
      this.watcher = new OutboundWatcher(this.kafka, this.admin, this.offsets, this.group('outbound-watcher'), OUTBOUND);
      await this.watcher.start(await endOffsets(this.admin, OUTBOUND));

      this.log(`warm-up: ${warmUpSet.events.length} events`);
      const warmUp = await this.pipelineRun(warmUpSet, producer);
      this.log(`warm-up: ${Math.round(warmUp.events / warmUp.time.seconds)} events/s, ${warmUp.outbound} outbound records`);
      this.log(`sustained: ${sustainedSet.events.length} events`);
      const outboundStart = await endOffsets(this.admin, OUTBOUND);
      const sustained = await this.pipelineRun(sustainedSet, producer);
      const outboundByTopic = await this.outboundByTopic(sustainedSet.prefix, outboundStart, await endOffsets(this.admin, OUTBOUND));
      this.log(`sustained: ${Math.round(sustained.events / sustained.time.seconds)} events/s, ${sustained.outbound} outbound records`);
      await this.watcher.stop();
      this.watcher = undefined;
      for (const jvm of this.jvms.values()) await jvm.stop();
      this.jvms.clear();

      const passthrough = await this.passthroughs(sustainedSet.events);
      return {
        run: { id: this.runId, startedAt, wallSeconds: (Date.now() - this.started) / 1000 },
        machine,
        settings: this.settings,
        jvm: { java: javaVersion(), heap: this.heap },
        consentsHeld,
        warmUp,
        sustained,
        passthrough,
        outboundByTopic,
        furnish: furnishRun(),
      };
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  /** Stops every process the bench started and deletes its topics and groups (subjects stay). */
  async restore(): Promise<void> {
    for (const gate of this.gates) await gate.abort().catch(() => undefined);
    for (const process of [...this.jvms.values(), ...this.others]) await process.stop().catch(() => undefined);
    await this.watcher?.stop().catch(() => undefined);
    try {
      // A group is deleted only once empty: a member that did not leave stays until its session times out.
      for (let attempt = 1; ; attempt++) {
        try {
          const deleted = await deletePrefixedTopicsAndGroups(this.admin, [PASSTHROUGH_TOPIC]);
          this.log(`deleted ${deleted.topics} topics and ${deleted.groups} groups under ${TOPIC_PREFIX}`);
          break;
        } catch (error) {
          if (attempt === 12) throw error;
          await sleep(5_000);
        }
      }
    } catch (error) {
      this.log(`could not delete the bench's topics and groups: ${String(error)}`);
    } finally {
      await this.offsets.close().catch(() => undefined);
      await this.admin.disconnect().catch(() => undefined);
      this.registry.close();
    }
  }

  private group(name: string): string {
    return `${TOPIC_PREFIX}furnish.streams-bench.${this.runId}.${name}`;
  }

  private applicationId(stage: Stage, suffix = ''): string {
    return `${TOPIC_PREFIX}furnish.streams.${stage}.${this.runId}${suffix}`;
  }

  /** The stack is the lead's: wait for it (it may be restarting), never start it. */
  private async waitForStack(): Promise<void> {
    const deadline = Date.now() + 600_000;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.admin.connect();
        await this.admin.listTopics();
        await this.registry.subjects();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        if (attempt === 1 || attempt % 6 === 0) this.log(`the stack is not answering (${error instanceof Error ? error.message : String(error)}); waiting`);
        await sleep(10_000);
      }
    }
  }

  private async freshTopics(): Promise<void> {
    const deleted = await deletePrefixedTopicsAndGroups(this.admin, [PASSTHROUGH_TOPIC]);
    if (deleted.topics + deleted.groups > 0) this.log(`deleted ${deleted.topics} topics and ${deleted.groups} groups an earlier run left under ${TOPIC_PREFIX}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        // Topics being deleted cannot be created again until the broker is done with them (the
        // passthrough's too: its metadata answered "not hosted" in that window and ended a run).
        await provisionAllTopics({ brokers: [...this.config.kafka.brokers] }, this.config.topics);
        if (!(await this.admin.listTopics()).includes(PASSTHROUGH_TOPIC)) {
          await this.admin.createTopics({ waitForLeaders: true, topics: [{ topic: PASSTHROUGH_TOPIC, numPartitions: 6, replicationFactor: 1 }] });
        }
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(1_000);
      }
    }
    const subjects = await registerAllSchemas({ url: this.config.registry.url });
    this.log(`created the topics under ${TOPIC_PREFIX} and registered ${subjects.length} subjects`);
  }

  /** The Furnish bench's data set of this size and tag, encoded by Furnish's serde. */
  private async encodeSet(tag: string, events: number): Promise<EncodedSet> {
    return encodeBenchDataset(this.serde, { prefix: `BN${this.runId}${tag}`, events, seed: this.settings.seed, consentShare: this.settings.consentShare, order: 'occurred' });
  }

  private async pipelineRun(set: EncodedSet, producer: Parameters<typeof publishPaced>[0]): Promise<PipelineRun> {
    const chain: ChainStage[] = STAGES.map((stage) => ({ groupId: this.applicationId(stage), inputTopics: STAGE_INPUTS[stage], transactionalInput: stage !== 'filter' }));
    const tally = this.watcher!.track(set.prefix);
    const starts = await endOffsets(this.admin, [TOPICS.loanEvents, TOPICS.consentedLoanEvents, ...MINIMISED, ...OUTBOUND]);
    const cpu = new CpuMeter(new Map([...[...this.jvms].map(([stage, jvm]) => [`kafka-streams ${stage}`, () => jvm.pids] as const), ...this.cpuSources()])).start();
    const others = new Set(otherBenches());
    const sampler = setInterval(() => otherBenches().forEach((o) => others.add(o)), 1_000);
    const before = cpuSnapshot();
    const published = await publishPaced(producer, set.events, Number.POSITIVE_INFINITY);
    const loanEnds = await endOffsets(this.admin, [TOPICS.loanEvents]);
    const finishedAt = await waitForChain(this.admin, chain, starts, loanEnds).finally(() => clearInterval(sampler));
    await this.watcher!.caughtUp(await endOffsets(this.admin, OUTBOUND));
    const usage = cpu.stop();
    const accounted = new Set([process.pid, ...[...this.jvms.values()].map((jvm) => jvm.pid), ...this.cpuSources().flatMap(([, pids]) => pids())]);
    return {
      events: set.events.length,
      time: { seconds: (finishedAt - published.startedAt) / 1000, publishSeconds: (published.endedAt - published.startedAt) / 1000 },
      outbound: tally.count,
      usage: { cpu: usage, peakRss: new Map([...this.jvms].map(([stage, jvm]) => [stage, jvm.peakRss()])) },
      neighbours: { benches: [...others], busiest: busiestOthers(before, cpuSnapshot(), accounted) },
    };
  }

  /** Reads back what the formatter committed for a set: records per outbound topic, decoded, and their payloads' lengths. */
  private async outboundByTopic(prefix: string, start: Offsets, end: Offsets): Promise<Report['outboundByTopic']> {
    const records = await readRange(this.kafka, this.admin, this.offsets, this.group(`reader-${++this.counter}`), start, end);
    const byTopic = new Map<string, { count: number; payloadLengths: Set<number> }>();
    for (const record of records) {
      if (!record.key?.startsWith(prefix)) continue;
      const { payload } = await this.serde.decode<{ payload: string }>(record.topic, record.value);
      const entry = byTopic.get(record.topic) ?? { count: 0, payloadLengths: new Set<number>() };
      entry.count += 1;
      entry.payloadLengths.add(payload.length);
      byTopic.set(record.topic, entry);
    }
    return byTopic;
  }

  private cpuSources(): Array<readonly [string, () => readonly number[]]> {
    const kafka = brokerPid();
    return [
      ['kafka', () => (kafka ? [kafka] : [])],
      ['postgres', () => pidsNamed('postgres')],
      ['bench', () => [process.pid]],
    ];
  }

  /** The Kafka Streams passthrough drained twice in one JVM (cold, warm), then Furnish's kafkajs passthrough. */
  private async passthroughs(events: readonly BenchMessage[]): Promise<Report['passthrough']> {
    const appId = this.applicationId('passthrough');
    await this.offsets.set(appId, await endOffsets(this.admin, [TOPICS.loanEvents]));
    const { jvm } = await StreamsJvm.start('passthrough', appId, { config: this.config, heap: this.heap, logDir: this.logDir });
    this.others.add(jvm);
    try {
      const cold = await this.drain(jvm, appId, events);
      const warm = await this.drain(jvm, appId, events);
      const peakRss = jvm.peakRss();
      await jvm.stop();
      const groupId = this.group(`kafkajs-passthrough-${++this.counter}`);
      await this.offsets.set(groupId, await endOffsets(this.admin, [TOPICS.loanEvents]));
      const gate = await this.gate(events);
      const kafkajs = await PassthroughProcess.start({ config: this.config, groupId, inputTopics: [TOPICS.loanEvents], outputTopic: PASSTHROUGH_TOPIC });
      OWN_PIDS.add(kafkajs.pid);
      this.others.add(kafkajs);
      try {
        const result = await measureDrain({ admin: this.admin, groupId, gate, process: kafkajs, cpuSources: new Map(this.cpuSources()) });
        this.gates.delete(gate);
        this.log(`kafkajs passthrough: ${Math.round(result.perSecond)} records/s`);
        return { cold, warm, kafkajs: result, peakRss };
      } finally {
        await kafkajs.stop();
        this.others.delete(kafkajs);
      }
    } finally {
      await jvm.stop();
      this.others.delete(jvm);
    }
  }

  private async drain(jvm: StreamsJvm, groupId: string, events: readonly BenchMessage[]): Promise<DrainResult> {
    const gate = await this.gate(events);
    const result = await measureDrain({ admin: this.admin, groupId, gate, process: jvm, cpuSources: new Map(this.cpuSources()) });
    this.gates.delete(gate);
    this.log(`Kafka Streams passthrough: ${Math.round(result.perSecond)} records/s`);
    return result;
  }

  private async gate(events: readonly BenchMessage[]): Promise<GatedBatch> {
    const gate = await GatedBatch.open(this.kafka, this.admin, this.group(`gate-${++this.counter}`), events);
    this.gates.add(gate);
    return gate;
  }
}

/** 2,000 events as `npm run bench` warms its instances (fewer when BENCH_EVENTS is smaller); BENCH_STREAMS_WARMUP_EVENTS for a longer warm-up of the JVMs. */
function warmUpEvents(settings: BenchSettings): number {
  const configured = Number(process.env.BENCH_STREAMS_WARMUP_EVENTS ?? Number.NaN);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.min(2_000, settings.events);
}

function buildJar(log: (line: string) => void): void {
  const args = ['-q', '-DskipTests', 'package'];
  try {
    execFileSync('mvn', ['-o', ...args], { cwd: PROJECT_DIR, stdio: 'inherit' });
  } catch {
    log('offline Maven build failed (first build on this machine?): building online');
    execFileSync('mvn', args, { cwd: PROJECT_DIR, stdio: 'inherit' });
  }
  log(`built ${path.relative(WORKSPACE_ROOT, JAR)}`);
}

/** `java -version` prints to stderr; its first line names the runtime. */
function javaVersion(): string {
  const { stderr } = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return stderr?.split('\n')[0]?.trim() || 'java (version unknown)';
}

interface FurnishRun {
  readonly file: string;
  readonly written: string;
  readonly cpu: string;
  readonly perSecond: number;
  readonly outbound: number;
  /** "486 µs (consent-filter 104, …)": CPU per event across the processes, as its notes give it. */
  readonly cpuPerEvent: string;
}

/** Furnish's sustained run of the same data set, from a report of `npm run bench` (BENCH_STREAMS_FURNISH_REPORT, default docs/benchmarks.md). */
function furnishRun(): FurnishRun | undefined {
  const file = process.env.BENCH_STREAMS_FURNISH_REPORT ?? 'docs/benchmarks.md';
  try {
    const text = readFileSync(path.resolve(WORKSPACE_ROOT, file), 'utf8');
    const section = text.split('## Whole pipeline, sustained')[1] ?? '';
    const row = /^\|\s*[\d,]+\s*\|\s*[\d.]+\s*\|\s*\*\*([\d,]+)\*\*\s*\|\s*([\d,]+)/m.exec(section);
    if (!row) return undefined;
    const number = (s: string) => Number(s.replaceAll(',', ''));
    return {
      file,
      written: /on (\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, run \w+)/.exec(text)?.[1] ?? '?',
      cpu: /^\| CPU \| ([^|]+)\|/m.exec(text)?.[1]?.trim() ?? '?',
      perSecond: number(row[1]),
      outbound: number(row[2]),
      cpuPerEvent: /cost ([\d,]+ µs) of CPU across the processes (\([^)]*\))/.exec(text)?.slice(1).join(' ') ?? '?',
    };
  } catch {
    return undefined;
  }
}

const n = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const mib = (bytes: number): string => `${n(bytes / 2 ** 20)} MiB`;

function render(report: Report): string {
  const { sustained, passthrough, machine } = report;
  const { cpu, peakRss } = sustained.usage;
  const perSecond = sustained.events / sustained.time.seconds;
  const cpuRows = [...cpu.seconds].map(([name, seconds]) => `| ${name} | ${n(seconds, 2)} | ${n(seconds / cpu.wallSeconds, 2)} | ${n((seconds * 1e6) / sustained.events)} |`);
  const totalCpu = [...cpu.seconds.values()].reduce((a, b) => a + b, 0);
  const other = Math.max(0, cpu.machineBusy * cpu.cores * cpu.wallSeconds - totalCpu);
  const drainRow = (name: string, d: DrainResult) =>
    `| ${name} | ${n(d.records)} | ${n(d.seconds, 2)} | **${n(d.perSecond)}** | ${n(d.steadyPerSecond)} | ${n(((d.cpu.seconds.get('stage') ?? Number.NaN) * 1e6) / d.records)} | ${n(d.cpu.machineBusy * 100)}% |`;
  const { furnish } = report;
  const outboundNote =
    furnish === undefined
      ? 'No report of `npm run bench` to compare with (BENCH_STREAMS_FURNISH_REPORT, default docs/benchmarks.md).'
      : `Furnish's sustained run of the same data set (${furnish.file}, ${furnish.written}, ${furnish.cpu}): ${n(furnish.perSecond)} events/s, ${furnish.cpuPerEvent} of CPU per event, ${n(furnish.outbound)} outbound records; ` +
        (furnish.outbound === sustained.outbound ? '**the same outbound count**.' : `**the outbound counts differ by ${n(sustained.outbound - furnish.outbound)}**.`);
  return [
    `## Kafka Streams comparison pipeline (issue 17), run ${report.run.id}`,
    '',
    `Written by \`npm run bench:streams\` (tools/bench/kafka-streams.bench.ts) on ${report.run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${n(report.run.wallSeconds / 60, 1)} min; every figure below is from this run.`,
    '',
    '| | |',
    '|---|---|',
    `| Machine | ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os} |`,
    `| Broker, registry | ${machine.kafka}; ${machine.registry} |`,
    `| JVMs | ${report.jvm.java}; Kafka Streams 4.4.0, Avro 1.12.2 (GenericRecord); -Xms${report.jvm.heap} -Xmx${report.jvm.heap}, default collector; one JVM and one application id per stage, ${process.env.STREAMS_THREADS ?? '1'} stream thread each |`,
    `| Guarantee | processing.guarantee=exactly_once_v2, commit.interval.ms ${process.env.STREAMS_COMMIT_INTERVAL_MS ?? '100'} (Kafka Streams' default under exactly-once; Furnish commits one transaction per chunk of ≤ 500 records per partition) |`,
    `| Topics | under \`${TOPIC_PREFIX}\`, Furnish's partition counts (inputs, consented and minimised 6, outbound 3) |`,
    `| Data | Furnish's bench data set (bench-dataset.ts, seed ${report.settings.seed}, consent share ${report.settings.consentShare}, 'occurred' order), encoded by Furnish's serde: warm-up ${n(report.warmUp.events)} events, sustained ${n(sustained.events)}; the filter's global store held ${n(report.consentsHeld)} borrowers when it started |`,
    '',
    '### Whole pipeline, sustained',
    '',
    `Three JVMs (filter, minimiser, formatter) warmed with ${n(report.warmUp.events)} events (${n(report.warmUp.events / report.warmUp.time.seconds)} events/s, ${n(report.warmUp.outbound)} outbound records); then ${n(sustained.events)} loan events published as fast as the broker took them (${n(sustained.time.publishSeconds, 1)} s), timed from the first send until the formatter's group had committed everything, checked stage by stage as \`npm run bench\` does, and a read_committed consumer had read every outbound record.`,
    '',
    report.warmUp.events < sustained.events
      ? `The JVMs are not at steady state after ${n(report.warmUp.events)} events (their JIT compilers are still at work: see the passthrough's cold and warm drains below); BENCH_STREAMS_WARMUP_EVENTS=${n(sustained.events, 0).replaceAll(',', '')} warms them with a whole data set first.`
      : `Warm-up as long as the sustained run (BENCH_STREAMS_WARMUP_EVENTS): the JVMs' JIT compilers have had a whole data set.`,
    '',
    '| events | seconds | events/s | µs CPU per event, all processes | machine busy | outbound records |',
    '|---|---|---|---|---|---|',
    `| ${n(sustained.events)} | ${n(sustained.time.seconds, 2)} | **${n(perSecond)}** | ${n((totalCpu * 1e6) / sustained.events)} | ${n(cpu.machineBusy * 100)}% | ${n(sustained.outbound)} |`,
    '',
    outboundNote,
    '',
    `Per topic, read back and decoded: ${[...report.outboundByTopic].map(([topic, { count, payloadLengths }]) => `${topic} ${n(count)} (payload ${[...payloadLengths].join('/')} characters)`).join(', ')}.`,
    '',
    '| process | CPU seconds | cores | µs CPU per event |',
    '|---|---|---|---|',
    ...cpuRows,
    `| all of these | ${n(totalCpu, 2)} | ${n(totalCpu / cpu.wallSeconds, 2)} | ${n((totalCpu * 1e6) / sustained.events)} |`,
    `| other (machine busy beyond these: the registry, the stack's idle services, other users) | ${n(other, 2)} | ${n(other / cpu.wallSeconds, 2)} | – |`,
    '',
    `Busiest processes outside the table during the sustained run: ${sustained.neighbours.busiest.join('; ') || 'none above 0.2 s'}.`,
    '',
    sustained.neighbours.benches.length === 0
      ? 'No other benchmark or test process was seen during the sustained run (sampled every second).'
      : `**Other benchmark or test processes were running during the sustained run** (its figures are not a quiet machine's): ${sustained.neighbours.benches.map((o) => `\`${o}\``).join('; ')}.`,
    '',
    `Peak RSS (VmHWM) of each JVM at the end of the sustained run: ${[...peakRss].map(([stage, rss]) => `${stage} ${mib(rss)}`).join(', ')}.`,
    '',
    '### Raw passthrough on the same input',
    '',
    `The sustained set's ${n(passthrough.cold.records)} loan events pre-filled behind an open transaction and released once the consumer group was stable, timed until its committed offsets reached the end (tools/bench/drain.measure.ts, as \`npm run bench\` drains). Kafka Streams: one application, consume → produce the same bytes, exactly_once_v2, drained twice in one JVM (peak RSS ${mib(passthrough.peakRss)}); kafkajs: Furnish's passthrough (tools/bench/passthrough.main.ts).`,
    '',
    '| passthrough | records | seconds | records/s | steady records/s (10–90%) | µs CPU per record (the passthrough process) | machine busy |',
    '|---|---|---|---|---|---|---|',
    drainRow('Kafka Streams, cold JVM', passthrough.cold),
    drainRow('Kafka Streams, warm JVM', passthrough.warm),
    drainRow('kafkajs (Furnish)', passthrough.kafkajs),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  if (TOPIC_PREFIX === '') throw new Error('FURNISH_TOPIC_PREFIX is empty: this bench runs on topics and groups of its own and deletes them afterwards (npm run bench:streams sets streams.)');
  const bench = new StreamsBench(loadBenchSettings(), loadStackConfig(process.env), process.env.BENCH_STREAMS_HEAP ?? '256m');
  // On a signal: stop the JVMs, delete the topics, exit; otherwise the same clean-up once the run ends.
  let cleanUp: Promise<void> | undefined;
  const restoreOnce = () => (cleanUp ??= bench.restore());
  process.once('SIGINT', () => void restoreOnce().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void restoreOnce().finally(() => process.exit(143)));
  const report = await bench.run().finally(restoreOnce);
  const markdown = render(report);
  const file = path.resolve(WORKSPACE_ROOT, process.env.BENCH_STREAMS_REPORT ?? 'tmp/kafka-streams.md');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${markdown}\n`);
  console.log(`\n${markdown}`);
  bench.log(`wrote ${path.relative(WORKSPACE_ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(`bench:streams failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

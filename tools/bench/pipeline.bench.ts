/**
 * `npm run bench`: the pipeline's performance against PRODUCT.md's targets, in one run, on the
 * local stack (which it starts if needed), on topics, subjects and consumer groups of its own:
 * `FURNISH_TOPIC_PREFIX` (the npm script sets `bench.`) prefixes every name, so the stack's services
 * keep running untouched; the bench starts its own instances of each stage and, at the end, deletes
 * its topics and groups. It runs on a database of its own, `<DATABASE_URL's database>_bench`, dropped
 * and created afresh at the start of every run and kept afterwards for inspection (bench-database.ts).
 *
 *  1. Each stage draining a pre-filled topic alone, alternating with a raw kafkajs passthrough
 *     (same batching and transactions) draining a copy of the same input: the baseline.
 *  2. Optionally (BENCH_PROFILE=1, default) one more drain of each under the CPU profiler.
 *  3. The cost curve (BENCH_COST_CURVE=1, default): the slowest stage of step 1 drained by 1, 2, …
 *     BENCH_COST_CURVE_REPLICAS instances in one group; the filter drained with BENCH_COST_CURVE_BORROWERS
 *     borrowers in the consent ledger (one more database, `…_bench_ledger`, dropped afterwards:
 *     ledger-scratch.ts). BENCH_COST_CURVE_EVENTS loan events per drain.
 *  4. The whole pipeline's sustained throughput, one bench instance of each stage.
 *  5. End-to-end latency at fixed input rates, with each service's RSS and every process's CPU.
 *
 * Writes docs/benchmarks.md (BENCH_REPORT) and prints it. Knobs (bench-settings.ts): BENCH_EVENTS,
 * BENCH_RUNS, BENCH_RATES, BENCH_LATENCY_SECONDS, BENCH_PROFILE, BENCH_SEED, BENCH_CONSENT_SHARE,
 * BENCH_NODE_OPTIONS, BENCH_COST_CURVE (0 skips step 3), BENCH_COST_CURVE_EVENTS,
 * BENCH_COST_CURVE_REPLICAS, BENCH_COST_CURVE_BORROWERS; STAGE_CHUNK_SIZE and
 * STAGE_PARTITIONS_CONCURRENCY reach every stage it starts.
 * Run it on a quiet machine: the stack's services share the broker and the CPU.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { consumerGroupOf, isDeadLetterTopic, SchemaCatalog, TOPIC_PREFIX, TOPIC_PREFIX_VARIABLE, TOPICS } from '@furnish/shared-contracts';
import { ensureStack, loadStackConfig, SERVICES, servicePortBase, stackDir, stackPaths, type ServiceName, type StackConfig, type StackPaths } from '../stack';
import { ownedProcess } from '../stack/process-supervisor';
import { WORKSPACE_ROOT } from '../stack/stack-paths';
import { benchConsents } from './bench-dataset';
import { encodeBenchDataset, type EncodedSet } from './encoded-dataset';
import { BenchService, PassthroughProcess, ReplicaGroup, type DrainProcess } from './bench-process';
import type { BenchReport, CostCurvePoint, CostCurveReport, LatencyRunReport, LedgerSizePoint, PipelineRunReport, ReplicaPoint, StageDrainReport } from './bench-results';
import { slowestStage } from './cost-curve';
import { benchDatabaseUrl, recreateDatabase } from './bench-database';
import { ScratchLedger } from './ledger-scratch';
import { loadBenchSettings, type BenchSettings } from './bench-settings';
import { renderBenchmarks } from './benchmarks.report';
import { CpuMeter, pidsNamed } from './cpu-accounting';
import { summariseCpuProfile, type ProfileSummary } from './cpu-profile.summary';
import { measureDrain, type DrainResult } from './drain.measure';
import { GatedBatch, type BenchMessage } from './gated-batch';
import { machineInfo } from './machine-info';
import { OutboundWatcher } from './outbound.watcher';
import { publishPaced } from './paced.publisher';
import { waitForChain, type ChainStage } from './pipeline-progress';
import { byLabel, histogramBuckets, MemoryWatch, quantileBetween, serviceMemory, sumOf, type MemorySample, type MetricSamples } from './service-metrics';
import { GroupOffsetsWriter } from './group-offsets.writer';
import { deletePrefixedTopicsAndGroups } from '../kafka/prefixed-cleanup';
import { endOffsets, type Offsets } from '../kafka/topic-offsets';
import { readRange } from './topic-range.reader';

const PASSTHROUGH_TOPIC = `${TOPIC_PREFIX}furnish.bench.passthrough.v1`;
const MINIMISED = Object.values(TOPICS.minimised);
const OUTBOUND = Object.values(TOPICS.outbound);

interface StageSpec {
  readonly inputs: readonly string[];
  /** Topics the stage also consumes, not measured: its groups start at their end (the formatter reads consent events for invalidations). */
  readonly alsoReads?: readonly string[];
  /** Output topics whose records feed the next stage (dead letters excluded). */
  readonly outputs: readonly string[];
  readonly transactionalInput: boolean;
  /** HTTP port of the bench instance (the stack's service keeps its own). */
  readonly port: number;
  readonly inputName: string;
}

const STAGES: Readonly<Record<ServiceName, StageSpec>> = {
  'consent-ledger': { inputs: [TOPICS.consentEvents], outputs: [], transactionalInput: false, port: servicePortBase() + 11, inputName: 'consent events' },
  'consent-filter': { inputs: [TOPICS.loanEvents], outputs: [TOPICS.consentedLoanEvents], transactionalInput: false, port: servicePortBase() + 12, inputName: 'loan events' },
  minimiser: { inputs: [TOPICS.consentedLoanEvents], outputs: MINIMISED, transactionalInput: true, port: servicePortBase() + 13, inputName: 'consented events' },
  'bureau-formatter': { inputs: MINIMISED, alsoReads: [TOPICS.consentEvents], outputs: OUTBOUND, transactionalInput: true, port: servicePortBase() + 14, inputName: 'minimised records' },
};

/** Every topic a stage's group consumes. */
const subscribedBy = (service: ServiceName): readonly string[] => [...STAGES[service].inputs, ...(STAGES[service].alsoReads ?? [])];

class PipelineBench {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly serde: AvroSerde;
  private readonly offsets: GroupOffsetsWriter;
  private readonly runId = randomBytes(4).toString('hex').toUpperCase();
  private readonly started = Date.now();
  private readonly profilesDir: string;
  private producer: Producer | undefined;
  private watcher: OutboundWatcher | undefined;
  /** The pipeline runs' instance of each stage, on the stages' (prefixed) consumer groups. */
  private readonly pipeline = new Map<ServiceName, BenchService>();
  private readonly benchProcesses = new Set<DrainProcess>();
  private readonly openGates = new Set<GatedBatch>();
  private restored = false;
  private counter = 0;
  private readonly notes: string[] = [];
  private readonly originalNodeOptions = process.env.NODE_OPTIONS;
  /** Every loan event id the bench made, to remove their audit rows afterwards. */
  /** The cost curve's ledger database while it exists (dropped by the curve, or by restore()). */
  private scratchLedger: ScratchLedger | undefined;

  constructor(
    private readonly settings: BenchSettings,
    private readonly config: StackConfig,
    private readonly paths: StackPaths,
  ) {
    this.kafka = new Kafka({ clientId: `furnish-bench-${this.runId}`, brokers: [...config.kafka.brokers], logLevel: logLevel.NOTHING });
    this.admin = this.kafka.admin();
    this.offsets = new GroupOffsetsWriter(this.kafka, this.admin, this.group('offsets'));
    this.serde = new AvroSerde(new SchemaRegistryClient({ url: config.registry.url }), SchemaCatalog.load());
    this.profilesDir = path.join(WORKSPACE_ROOT, 'tmp', 'bench', this.runId);
  }

  log(line: string): void {
    console.log(`[bench ${((Date.now() - this.started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
  }

  async run(): Promise<BenchReport> {
    const startedAt = new Date();
    const { settings } = this;
    // Kafka, the registry and the database; the topics and subjects under the bench's prefix.
    await ensureStack({ services: false, log: (line) => this.log(line) });
    await this.admin.connect();
    // Children inherit the environment (startNodeService, the passthrough), the prefix included.
    if (settings.nodeOptions) process.env.NODE_OPTIONS = [this.originalNodeOptions, settings.nodeOptions].filter(Boolean).join(' ');
    await this.ensurePassthroughTopic();
    const machine = await machineInfo(this.config);
    const idleMemory = await this.sampleServices();

    this.log('generating and encoding data sets');
    // Every set's id prefix is BN<run><two characters>, so no prefix is another's.
    const sets: Record<string, EncodedSet> = {};
    const drainSets: EncodedSet[] = [];
    for (let i = 0; i < settings.runs; i++) drainSets.push(await this.encodeSet(`D${i}`, settings.events, 'occurred'));
    if (settings.profile) sets.profileFilter = await this.encodeSet('PF', settings.events, 'occurred');
    sets.warmUp = await this.encodeSet('WU', settings.warmUpEvents, 'occurred');
    sets.sustained = await this.encodeSet('SU', settings.events, 'occurred');
    const latencySets: EncodedSet[] = [];
    for (const [i, rate] of settings.rates.entries()) latencySets.push(await this.encodeSet(`L${i}`, rate * settings.latencySeconds, 'interleaved'));
    // The cost curve's fresh loan events: one set per replica count (used if the filter is the
    // slowest stage) and one per ledger size; their grants go through the ledger drains like all others.
    const curveSets = { replicas: [] as EncodedSet[], ledger: [] as EncodedSet[] };
    if (settings.costCurve.enabled) {
      for (let n = 1; n <= settings.costCurve.maxReplicas; n++) curveSets.replicas.push(await this.encodeSet(`R${n}`, settings.costCurve.events, 'occurred'));
      for (const i of settings.costCurve.borrowers.keys()) curveSets.ledger.push(await this.encodeSet(`S${i}`, settings.costCurve.events, 'occurred'));
    }
    const consentsOfLoanPhases = [...drainSets, ...Object.values(sets), ...latencySets, ...curveSets.replicas, ...curveSets.ledger].flatMap((s) => s.consents);
    // The ledger's later runs (and its profiled one) get grants of fresh borrowers: replays would be no-ops.
    const ledgerInputs = [consentsOfLoanPhases];
    for (let i = 1; i < settings.runs; i++) ledgerInputs.push(await this.encodeConsents(`C${i}`, consentsOfLoanPhases.length));
    const ledgerProfileConsents = settings.profile ? await this.encodeConsents('PL', consentsOfLoanPhases.length) : [];
    this.log(`${drainSets.length + Object.values(sets).length + latencySets.length + curveSets.replicas.length + curveSets.ledger.length} data sets, ${consentsOfLoanPhases.length} consent events for the loan phases`);

    // 1–2. Stage drains.
    const stages: StageDrainReport[] = [];
    let passthroughProfile: ProfileSummary | undefined;

    this.log('consent-ledger: drains');
    const ledger = await this.drainBoth('consent-ledger', ledgerInputs, consentsOfLoanPhases);
    const ledgerProfile = settings.profile ? await this.drainStage('consent-ledger', ledgerProfileConsents, { profile: true }) : undefined;
    stages.push(this.stageReport('consent-ledger', ledger.stage, ledger.passthrough, ledgerProfile?.result));
    // The drains wrote every consent to the ledger database; the filter judges the ledger's position
    // by the ledger group's committed offsets (CONSENT_LEDGER_GROUP), so that group starts past them.
    await this.offsets.set(consumerGroupOf('consent-ledger'), await endOffsets(this.admin, [TOPICS.consentEvents]));

    await this.analyzeConsentTables();
    this.log('consent-filter: drains');
    const filter = await this.drainBoth('consent-filter', drainSets.map((set) => set.events), drainSets[0].events);
    let filterProfile: DrainResult | undefined;
    if (settings.profile) {
      filterProfile = (await this.drainStage('consent-filter', sets.profileFilter.events, { profile: true })).result;
      const profiledPass = await this.drainPassthrough('consent-filter', drainSets[0].events, true);
      passthroughProfile = profiledPass.profile ? summariseCpuProfile(profiledPass.profile) : undefined;
    }
    stages.push(this.stageReport('consent-filter', filter.stage, filter.passthrough, filterProfile));

    this.log('minimiser: drains (input: what the filter committed in its first run)');
    const consented = await this.copyOf(filter.first.outputsStart, filter.first.outputsEnd);
    this.log(`  read ${consented.length} consented events`);
    const minimiser = await this.drainBoth('minimiser', Array.from({ length: settings.runs }, () => consented), consented);
    const minimiserProfile = settings.profile ? (await this.drainStage('minimiser', consented, { profile: true })).result : undefined;
    stages.push(this.stageReport('minimiser', minimiser.stage, minimiser.passthrough, minimiserProfile));

    await this.analyzeConsentTables();
    this.log('bureau-formatter: drains (input: what the minimiser committed in its first run)');
    const minimised = await this.copyOf(minimiser.first.outputsStart, minimiser.first.outputsEnd);
    this.log(`  read ${minimised.length} minimised records`);
    const formatter = await this.drainBoth('bureau-formatter', Array.from({ length: settings.runs }, () => minimised), minimised);
    const formatterProfile = settings.profile ? (await this.drainStage('bureau-formatter', minimised, { profile: true })).result : undefined;
    stages.push(this.stageReport('bureau-formatter', formatter.stage, formatter.passthrough, formatterProfile));
    const expectedOutbound = sumOf(formatter.first.result.metrics, 'furnish_stage_records_produced_total', `${TOPIC_PREFIX}furnish.outbound.`);

    const costCurve = settings.costCurve.enabled ? await this.costCurve(stages, { curveSets, consented, minimised }) : undefined;

    // 3–4. The whole pipeline: one instance of each stage, started past the drains' records.
    await this.analyzeConsentTables();
    await this.startPipeline();
    this.log('pipeline instances started');
    const freshMemory = await this.samplePipeline();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.watcher = new OutboundWatcher(this.kafka, this.admin, this.offsets, this.group('outbound-watcher'), OUTBOUND);
    await this.watcher.start(await endOffsets(this.admin, OUTBOUND));
    this.log('outbound watcher started');

    this.log(`pipeline: warm-up with ${sets.warmUp.events.length} events`);
    await this.pipelineRun(sets.warmUp, Number.POSITIVE_INFINITY);
    this.log(`pipeline: sustained, ${sets.sustained.events.length} events`);
    const sustained = await this.pipelineRun(sets.sustained, Number.POSITIVE_INFINITY);
    const pipeline: PipelineRunReport = {
      events: sets.sustained.events.length,
      seconds: sustained.seconds,
      perSecond: sets.sustained.events.length / sustained.seconds,
      publishSeconds: sustained.publishSeconds,
      outbound: sustained.outbound,
      expectedOutbound,
      deadLetters: sustained.deadLetters,
      memory: sustained.memory,
      cpu: sustained.cpu,
      chunks: sustained.chunks,
      stageLatency: sustained.stageLatency,
      ledgerWaitSeconds: sustained.ledgerWaitSeconds,
    };
    this.log(`pipeline: ${Math.round(pipeline.perSecond)} events/s`);
    if (expectedOutbound !== pipeline.outbound) this.notes.push(`The sustained run produced ${pipeline.outbound} outbound records where the formatter's drain of the same-shaped data produced ${expectedOutbound}.`);

    const latency: LatencyRunReport[] = [];
    for (const [i, rate] of settings.rates.entries()) {
      this.log(`latency: ${rate} events/s for ${settings.latencySeconds} s`);
      const run = await this.pipelineRun(latencySets[i], rate);
      const sorted = [...run.latencies].sort((a, b) => a - b);
      latency.push({
        rate,
        achievedRate: run.achievedRate,
        publishSeconds: run.publishSeconds,
        tailSeconds: run.tailSeconds,
        events: latencySets[i].events.length,
        samples: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        memory: run.memory,
        cpu: run.cpu,
        chunks: run.chunks,
        stageLatency: run.stageLatency,
        ledgerWaitSeconds: run.ledgerWaitSeconds,
      });
      this.log(`latency at ${rate}/s: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${percentile(sorted, 99)} ms`);
      await sleep(2_000);
    }

    return {
      startedAt,
      wallSeconds: (Date.now() - this.started) / 1000,
      runId: this.runId,
      machine,
      settings,
      dataset: { events: settings.events, borrowers: drainSets[0].borrowers, consenting: drainSets[0].consenting, consents: consentsOfLoanPhases.length, loanBytes: drainSets[0].bytes / Math.max(1, drainSets[0].events.length) },
      stages,
      passthroughProfile,
      pipeline,
      latency,
      costCurve,
      idleMemory,
      freshMemory,
      profilesDir: settings.profile ? this.profilesDir : undefined,
      notes: this.notes,
    };
  }

  /** Stops what the bench started and deletes its groups and topics (subjects stay registered). */
  async restore(): Promise<void> {
    if (this.restored) return;
    this.restored = true;
    for (const gate of this.openGates) await gate.abort();
    for (const process of [...this.benchProcesses, ...this.pipeline.values()]) await process.stop().catch(() => undefined);
    await this.watcher?.stop().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    if (this.originalNodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = this.originalNodeOptions;
    try {
      await deletePrefixedTopicsAndGroups(this.admin, [PASSTHROUGH_TOPIC]).catch((error: unknown) => this.log(`could not delete the bench's topics and groups: ${String(error)}`));
      await this.scratchLedger?.close().catch((error: unknown) => this.log(`could not drop the cost curve's ledger database: ${String(error)}`));
    } finally {
      await this.offsets.close().catch(() => undefined);
      await this.admin.disconnect().catch(() => undefined);
    }
    this.log(`stopped the bench's processes, deleted its groups and topics (${TOPIC_PREFIX}*)`);
  }

  /**
   * Fresh planner statistics for the tables the stages query, as autovacuum would keep them; called
   * after each phase that fills them. Where autovacuum is off (as on the machine these numbers were
   * first taken on) the planner keeps the estimates of empty tables, and lookups by event id or
   * borrower turn into scans of the whole table: the formatter's drain fell from ~10,000 to ~600
   * records/s over a day of runs (docs/performance.md, "Planner statistics").
   */
  private async analyzeConsentTables(): Promise<void> {
    const client = new Client({ connectionString: this.config.postgres.appUrl });
    await client.connect();
    try {
      const started = Date.now();
      await client.query('ANALYZE consent_event, consent_decision, loan_event_claim');
      this.log(`analyzed consent_event, consent_decision and loan_event_claim (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } finally {
      await client.end();
    }
  }

  private group(name: string): string {
    return `${TOPIC_PREFIX}furnish.bench.${this.runId}.${name}`;
  }

  private async encodeSet(tag: string, events: number, order: 'occurred' | 'interleaved'): Promise<EncodedSet> {
    return encodeBenchDataset(this.serde, { prefix: `BN${this.runId}${tag}`, events, seed: this.settings.seed, consentShare: this.settings.consentShare, order });
  }

  /** Grants of fresh borrowers nobody publishes loan events for: the profiled ledger drain's input. */
  private async encodeConsents(tag: string, count: number): Promise<BenchMessage[]> {
    const consents: BenchMessage[] = [];
    for (const consent of benchConsents(`BN${this.runId}${tag}`, count, this.settings.seed)) {
      consents.push({ topic: TOPICS.consentEvents, key: consent.borrowerId, value: await this.serde.encode(TOPICS.consentEvents, consent) });
    }
    return consents;
  }

  private async ensurePassthroughTopic(): Promise<void> {
    const existing = await this.admin.listTopics();
    if (!existing.includes(PASSTHROUGH_TOPIC)) {
      await this.admin.createTopics({ waitForLeaders: true, topics: [{ topic: PASSTHROUGH_TOPIC, numPartitions: 6, replicationFactor: 1 }] });
    }
  }

  /** One instance of each stage on its (prefixed) group, each group moved past what the drains left. */
  private async startPipeline(): Promise<void> {
    for (const { name: service } of SERVICES) {
      const groupId = consumerGroupOf(service);
      await this.offsets.set(groupId, await endOffsets(this.admin, subscribedBy(service)));
      const instance = await BenchService.start({ service, config: this.config, paths: this.paths, port: STAGES[service].port, groupId });
      this.pipeline.set(service, instance);
    }
  }

  private cpuSources(): Map<string, () => readonly number[]> {
    const kafka = ownedProcess(this.paths.pidFile('kafka'))?.pid;
    return new Map<string, () => readonly number[]>([
      ['kafka', () => (kafka ? [kafka] : [])],
      ['postgres', () => pidsNamed('postgres')],
      ['bench', () => [process.pid]],
    ]);
  }

  private async openGate(messages: readonly BenchMessage[]): Promise<GatedBatch> {
    const gate = await GatedBatch.open(this.kafka, this.admin, this.group(`gate-${++this.counter}`), messages);
    this.openGates.add(gate);
    return gate;
  }

  /**
   * One drain of a stage: `replicas` fresh instances (default 1) in a fresh group, started with
   * `env` on top of the stack's environment, timed from the gate's release.
   */
  private async drainStage(
    service: ServiceName,
    messages: readonly BenchMessage[],
    options: { profile?: boolean; replicas?: number; env?: Record<string, string>; label?: string } = {},
  ): Promise<{ result: DrainResult; outputsStart: Offsets; outputsEnd: Offsets }> {
    const { profile = false, replicas = 1 } = options;
    const spec = STAGES[service];
    const label = `${service}${options.label ?? ''}${profile ? ' (profiled)' : ''}`;
    const groupId = this.group(`${service}${profile ? '.profiled' : ''}${replicas > 1 ? `.x${replicas}` : ''}-${++this.counter}`);
    const steps = new StepTimer();
    await this.offsets.set(groupId, await endOffsets(this.admin, subscribedBy(service)));
    const outputsStart = await endOffsets(this.admin, spec.outputs);
    const gate = await this.openGate(messages);
    steps.mark('pre-fill');
    const instances: BenchService[] = [];
    try {
      for (let replica = 0; replica < replicas; replica++) {
        const instance = await BenchService.start({
          service,
          config: this.config,
          paths: this.paths,
          // Further replicas 100 ports up: clear of the stack's services and their replicas (base + 1…4, + 10 per replica).
          port: spec.port + 100 * replica,
          groupId,
          replica,
          env: options.env,
          profile: profile ? { dir: this.profilesDir, name: service } : undefined,
        });
        instances.push(instance);
        this.benchProcesses.add(instance);
      }
      steps.mark('start');
      const drained: DrainProcess = replicas === 1 ? instances[0] : new ReplicaGroup(instances);
      const result = await measureDrain({ admin: this.admin, groupId, gate, process: drained, cpuSources: this.cpuSources(), profile, members: replicas });
      this.openGates.delete(gate);
      steps.mark('join + drain');
      this.log(`${label}: ${result.records} records in ${result.seconds.toFixed(2)} s = ${Math.round(result.perSecond)}/s`);
      for (const instance of instances) {
        await instance.stop();
        this.benchProcesses.delete(instance);
      }
      steps.mark('stop');
      // Stopped: every transaction of the instances is complete, so these are all their outputs.
      const outputsEnd = await endOffsets(this.admin, spec.outputs);
      return { result, outputsStart, outputsEnd };
    } finally {
      if (this.openGates.delete(gate)) await gate.abort();
      for (const instance of instances) if (this.benchProcesses.delete(instance)) await instance.stop();
      this.log(`  ${steps}`);
    }
  }

  /**
   * The cost curve: the slowest stage of the drains at 1…N replicas, then the filter with the
   * consent ledger at each size. A failed drain leaves its point empty (and says why) rather than
   * losing the run.
   */
  private async costCurve(
    stages: readonly StageDrainReport[],
    inputs: { curveSets: { replicas: readonly EncodedSet[]; ledger: readonly EncodedSet[] }; consented: readonly BenchMessage[]; minimised: readonly BenchMessage[] },
  ): Promise<CostCurveReport> {
    const { costCurve: curve } = this.settings;
    const stageRates = stages.map((s) => ({ stage: s.stage, perSecond: s.stageRun.perSecond }));
    const stage = (slowestStage(stageRates)?.stage ?? 'consent-filter') as ServiceName;
    this.log(`cost curve: ${stage} (the slowest drain) at 1–${curve.maxReplicas} replicas`);
    const replicas: ReplicaPoint[] = [];
    for (let n = 1; n <= curve.maxReplicas; n++) {
      const input =
        stage === 'consent-filter'
          ? inputs.curveSets.replicas[n - 1].events
          : stage === 'consent-ledger'
            ? await this.encodeConsents(`K${n}`, curve.events)
            : stage === 'minimiser'
              ? inputs.consented
              : inputs.minimised;
      replicas.push({ replicas: n, ...(await this.curvePoint(`${n} replica(s)`, () => this.drainStage(stage, input, { replicas: n, label: ` × ${n}` }))) });
    }
    // Replicas of the ledger moved the consent topic on; the filter judges the ledger by its group's offsets.
    await this.offsets.set(consumerGroupOf('consent-ledger'), await endOffsets(this.admin, [TOPICS.consentEvents]));

    this.log(`cost curve: consent-filter with ${curve.borrowers.join(', ')} borrowers in the ledger`);
    const ledger: LedgerSizePoint[] = [];
    let scratch: ScratchLedger;
    try {
      scratch = await ScratchLedger.open(this.config.postgres.appUrl);
    } catch (error: unknown) {
      // E.g. DATABASE_URL's role may not create databases: the rest of the report stands.
      const reason = `could not create the ledger database: ${error instanceof Error ? error.message : String(error)}`;
      this.log(`cost curve: ${reason}`);
      this.notes.push(`Cost curve, ledger sizes: ${reason}.`);
      const missing = curve.borrowers.map((borrowers) => ({ borrowers, ownBorrowers: Number.NaN, consentRows: Number.NaN, tableBytes: 0, loadSeconds: Number.NaN, error: reason }));
      return { stage, input: STAGES[stage].inputName, stageRates, replicas, ledger: missing, ledgerDatabase: '–' };
    }
    this.scratchLedger = scratch;
    try {
      for (const [i, borrowers] of curve.borrowers.entries()) {
        const set = inputs.curveSets.ledger[i];
        // The drain's own borrowers: the grants the ledger drains recorded for this set, positions and all.
        const { borrowers: ownBorrowers } = await scratch.copyFrom(this.config.postgres.appUrl, `${set.prefix}C`);
        const { seconds: loadSeconds } = await scratch.growTo(borrowers);
        const size = await scratch.size();
        this.log(`  ledger: ${size.borrowers} borrowers (${ownBorrowers} of them the drain's), ${size.rows} rows, ${Math.round(size.bytes / 2 ** 20)} MiB, loaded in ${loadSeconds.toFixed(1)} s`);
        const point = await this.curvePoint(`${borrowers} borrowers`, () =>
          this.drainStage('consent-filter', set.events, { env: { DATABASE_URL: scratch.url }, label: ` (${size.borrowers} borrowers)` }),
        );
        ledger.push({ borrowers: size.borrowers, ownBorrowers, consentRows: size.rows, tableBytes: size.bytes, loadSeconds, ...point });
      }
    } finally {
      this.scratchLedger = undefined;
      await scratch.close();
      this.log(`  dropped the ledger database ${scratch.name}`);
    }
    return { stage, input: STAGES[stage].inputName, stageRates, replicas, ledger, ledgerDatabase: scratch.name };
  }

  private async curvePoint(name: string, drain: () => Promise<{ result: DrainResult }>): Promise<CostCurvePoint> {
    try {
      return { drain: (await drain()).result };
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log(`cost curve, ${name}: not measured: ${reason}`);
      this.notes.push(`Cost curve, ${name}: the drain failed (${reason}).`);
      return { error: reason };
    }
  }

  /**
   * Drains of the stage (one per input) alternating with drains of the passthrough (the same input
   * each time), so both meet the same background load; a drain lasts seconds, where one GC or a
   * busy neighbour shows, so the medians (by rate) are reported, with every run's rate.
   */
  private async drainBoth(
    service: ServiceName,
    stageInputs: ReadonlyArray<readonly BenchMessage[]>,
    passthroughInput: readonly BenchMessage[],
  ): Promise<{ stage: MedianDrain; passthrough: MedianDrain; first: { result: DrainResult; outputsStart: Offsets; outputsEnd: Offsets } }> {
    const stageRuns: Array<{ result: DrainResult; outputsStart: Offsets; outputsEnd: Offsets }> = [];
    const passRuns: DrainResult[] = [];
    for (const input of stageInputs) {
      stageRuns.push(await this.drainStage(service, input));
      passRuns.push(await this.drainPassthrough(service, passthroughInput));
    }
    return { stage: median(stageRuns.map((r) => r.result)), passthrough: median(passRuns), first: stageRuns[0] };
  }

  private async drainPassthrough(service: ServiceName, messages: readonly BenchMessage[], profile = false): Promise<DrainResult> {
    const inputs = STAGES[service].inputs;
    const groupId = this.group(`passthrough.${service}${profile ? '.profiled' : ''}-${++this.counter}`);
    const steps = new StepTimer();
    await this.offsets.set(groupId, await endOffsets(this.admin, inputs));
    const gate = await this.openGate(messages);
    steps.mark('pre-fill');
    let instance: PassthroughProcess | undefined;
    try {
      instance = await PassthroughProcess.start({
        config: this.config,
        groupId,
        inputTopics: inputs,
        outputTopic: PASSTHROUGH_TOPIC,
        profile: profile ? { dir: this.profilesDir, name: 'passthrough' } : undefined,
      });
      this.benchProcesses.add(instance);
      steps.mark('start');
      const result = await measureDrain({ admin: this.admin, groupId, gate, process: instance, cpuSources: this.cpuSources(), profile });
      this.openGates.delete(gate);
      steps.mark('join + drain');
      this.log(`passthrough on ${service}'s input${profile ? ' (profiled)' : ''}: ${result.records} records in ${result.seconds.toFixed(2)} s = ${Math.round(result.perSecond)}/s`);
      return result;
    } finally {
      if (this.openGates.delete(gate)) await gate.abort();
      if (instance) {
        await instance.stop();
        this.benchProcesses.delete(instance);
        steps.mark('stop');
      }
      this.log(`  ${steps}`);
    }
  }

  /** What a stage committed to its output topics between two snapshots, as messages to pre-fill again. */
  private async copyOf(start: Offsets, end: Offsets): Promise<BenchMessage[]> {
    const records = await readRange(this.kafka, this.admin, this.offsets, this.group(`reader-${++this.counter}`), start, end);
    return records.map(({ topic, key, value, headers }) => ({ topic, key, value, headers }));
  }

  private stageReport(stage: ServiceName, run: MedianDrain, passthrough: MedianDrain, profiled: DrainResult | undefined): StageDrainReport {
    const produced = byLabel(run.metrics, 'furnish_stage_records_produced_total', 'topic');
    for (const topic of produced.keys()) if (isDeadLetterTopic(topic)) produced.delete(topic);
    const chunks = sumOf(run.metrics, 'furnish_stage_batch_duration_seconds_count');
    const ledgerWait = run.metrics?.get('furnish_consent_ledger_wait_seconds_sum');
    return {
      stage,
      input: STAGES[stage].inputName,
      stageRun: run,
      stageRuns: run.runs,
      passthrough,
      passthroughRuns: passthrough.runs,
      produced,
      deadLetters: byLabel(run.metrics, 'furnish_stage_dead_letters_total', 'code'),
      meanChunkMs: (sumOf(run.metrics, 'furnish_stage_batch_duration_seconds_sum') / Math.max(1, chunks)) * 1000,
      chunks,
      ledgerWaitSeconds: ledgerWait,
      profile: profiled?.profile ? summariseCpuProfile(profiled.profile) : undefined,
    };
  }

  private async sampleServices(): Promise<Map<string, MemorySample>> {
    const result = new Map<string, MemorySample>();
    for (const { name, port } of SERVICES) {
      const sample = await serviceMemory(port)();
      if (sample) result.set(name, sample);
    }
    return result;
  }

  /**
   * Publishes a data set at `rate` (Infinity: as fast as possible) into the running pipeline and
   * waits until every stage has committed all of it; returns timings, latencies, memory and CPU.
   */
  private async pipelineRun(set: EncodedSet, rate: number) {
    const chain: ChainStage[] = (['consent-filter', 'minimiser', 'bureau-formatter'] as const).map((service) => ({
      groupId: consumerGroupOf(service),
      inputTopics: STAGES[service].inputs,
      transactionalInput: STAGES[service].transactionalInput,
    }));
    const tally = this.watcher!.track(set.prefix);
    const starts = await endOffsets(this.admin, [TOPICS.loanEvents, TOPICS.consentedLoanEvents, ...MINIMISED, ...OUTBOUND]);
    const before = await this.scrapeServices();
    const memory = new MemoryWatch(new Map([...this.pipeline].map(([name, instance]) => [name, () => instance.memory()])), 1_000).start();
    const cpu = new CpuMeter(
      new Map<string, () => readonly number[]>([
        ...[...this.pipeline].map(([name, instance]) => [name, () => [instance.pid]] as const),
        ...this.cpuSources(),
      ]),
    ).start();
    const published = await publishPaced(this.producer!, set.events, rate);
    const loanEnds = await endOffsets(this.admin, [TOPICS.loanEvents]);
    const finishedAt = await waitForChain(this.admin, chain, starts, loanEnds);
    await this.watcher!.caughtUp(await endOffsets(this.admin, OUTBOUND));
    const cpuUsage = cpu.stop();
    const maxMemory = await memory.stop();
    const after = await this.scrapeServices();
    const deadLetters = new Map<string, number>();
    for (const [service, samples] of after) {
      for (const [code, n] of byLabel(samples, 'furnish_stage_dead_letters_total', 'code')) {
        const delta = n - (byLabel(before.get(service), 'furnish_stage_dead_letters_total', 'code').get(code) ?? 0);
        if (delta > 0) deadLetters.set(`${service} ${code}`, delta);
      }
    }
    const chunks = new Map<string, { chunks: number; meanMs: number }>();
    for (const [service, samples] of after) {
      const count = sumOf(samples, 'furnish_stage_batch_duration_seconds_count') - sumOf(before.get(service), 'furnish_stage_batch_duration_seconds_count');
      const sum = sumOf(samples, 'furnish_stage_batch_duration_seconds_sum') - sumOf(before.get(service), 'furnish_stage_batch_duration_seconds_sum');
      chunks.set(service, { chunks: count, meanMs: (sum / Math.max(1, count)) * 1000 });
    }
    const ledgerWait = (samples: MetricSamples | undefined) => samples?.get('furnish_consent_ledger_wait_seconds_sum') ?? 0;
    // Each stage's own histogram: origin → committed by that stage, so the chain shows where latency accumulates.
    const stageLatency = new Map<string, { p50: number; p99: number; count: number }>();
    for (const service of ['consent-filter', 'minimiser', 'bureau-formatter']) {
      const [b, a] = [before.get(service), after.get(service)].map((m) => histogramBuckets(m, 'furnish_stage_end_to_end_latency_seconds'));
      const p50 = quantileBetween(b, a, 0.5);
      stageLatency.set(service, { p50: p50.value * 1000, p99: quantileBetween(b, a, 0.99).value * 1000, count: p50.count });
    }
    return {
      chunks,
      stageLatency,
      ledgerWaitSeconds: ledgerWait(after.get('consent-filter')) - ledgerWait(before.get('consent-filter')),
      seconds: (finishedAt - published.startedAt) / 1000,
      publishSeconds: (published.endedAt - published.startedAt) / 1000,
      achievedRate: published.perSecond,
      tailSeconds: Math.max(0, (finishedAt - published.endedAt) / 1000),
      outbound: tally.count,
      latencies: tally.latenciesMs,
      deadLetters,
      memory: maxMemory,
      cpu: cpuUsage,
    };
  }

  private async scrapeServices(): Promise<Map<string, MetricSamples | undefined>> {
    return new Map(await Promise.all([...this.pipeline].map(async ([name, instance]) => [name, await instance.metrics()] as const)));
  }

  private async samplePipeline(): Promise<Map<string, MemorySample>> {
    const result = new Map<string, MemorySample>();
    for (const [name, instance] of this.pipeline) {
      const sample = await instance.memory();
      if (sample) result.set(name, sample);
    }
    return result;
  }
}

/** Wall time of the steps around a drain, for the log. */
class StepTimer {
  private last = Date.now();
  private readonly steps: string[] = [];

  mark(step: string): void {
    const now = Date.now();
    this.steps.push(`${step} ${((now - this.last) / 1000).toFixed(1)} s`);
    this.last = now;
  }

  toString(): string {
    return this.steps.join(', ');
  }
}

type MedianDrain = DrainResult & { readonly runs: readonly number[] };

/** The run with the median rate (the upper middle one of an even number), and every run's rate. */
function median(runs: readonly DrainResult[]): MedianDrain {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return { ...sorted[Math.floor(sorted.length / 2)], runs: runs.map((r) => r.perSecond) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  if (TOPIC_PREFIX === '') throw new Error(`${TOPIC_PREFIX_VARIABLE} is empty: the bench runs on topics and groups of its own and deletes them afterwards (npm run bench sets bench.)`);
  const settings = loadBenchSettings();
  const stack = loadStackConfig(process.env);
  const database = benchDatabaseUrl(stack.postgres.appUrl, 'bench');
  await recreateDatabase(stack.postgres.appUrl, database.name);
  // The bench's instances inherit the environment; the registry keeps the stack's database.
  process.env.DATABASE_URL = database.url;
  process.env.FURNISH_REGISTRY_DATABASE_URL ??= stack.postgres.registryUrl;
  const config = loadStackConfig(process.env);
  const paths = stackPaths(stackDir(process.env));
  const bench = new PipelineBench(settings, config, paths);
  let interrupted = false;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      interrupted = true;
      bench.log(`${signal}: restoring the stack`);
      void bench.restore().finally(() => process.exit(code));
    });
  }
  let report: BenchReport;
  try {
    report = await bench.run();
  } finally {
    if (!interrupted) await bench.restore();
  }
  const markdown = renderBenchmarks(report);
  const file = path.resolve(WORKSPACE_ROOT, settings.report);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${markdown}\n`);
  console.log(`\n${markdown}\n`);
  bench.log(`wrote ${path.relative(WORKSPACE_ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

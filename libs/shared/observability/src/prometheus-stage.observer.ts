import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { StageObserver } from '@furnish/shared-stage-api';
import { BUREAUS, RECORD_KINDS, TOPICS, type Bureau } from '@furnish/shared-contracts';
import { ERROR_CODES, type ErrorCode, type ErrorDisposition } from '@furnish/shared-util-errors';
import { METRICS } from './metric-names';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Outbound latency buckets: 1 s is the end-to-end objective (PRODUCT.md), so it must be a boundary. */
const OUTBOUND_LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const BUREAU_BY_OUTBOUND_TOPIC = new Map<string, Bureau>(BUREAUS.map((bureau) => [TOPICS.outbound[bureau], bureau]));
/** The error codes that halt a partition (furnish-error.ts): their halted series exist from the start. */
const DEPLOYMENT_FAULT_CODES: readonly ErrorCode[] = ['REGISTRY_UNAUTHORIZED', 'SCHEMA_NOT_REGISTERED', 'TOPIC_MISSING', 'KAFKA_UNAUTHORIZED', 'SEALED_RECORD_KEY_UNKNOWN'];
/** Rule ids are declared in code (e.g. `metro2.base.account-status`); anything else is counted as `other`, so a label can never carry data. */
const RULE_ID = /^[a-z0-9][a-z0-9_.-]{0,79}$/i;
/** Kind label of an outbound record the stage gave no (or an unknown) kind: never record content. */
const UNKNOWN_KIND = 'unknown';

/** The runtime's observations as Prometheus metrics; every label value comes from a closed set. */
export class PrometheusStageObserver implements StageObserver {
  private readonly consumedTotal: Counter<'stage' | 'topic'>;
  private readonly producedTotal: Counter<'stage' | 'topic'>;
  private readonly deadLettersTotal: Counter<'stage' | 'code'>;
  private readonly ruleRejectionsTotal: Counter<'stage' | 'rule'>;
  private readonly batchDuration: Histogram<'stage' | 'topic'>;
  private readonly transactionsTotal: Counter<'stage' | 'result'>;
  private readonly retriesTotal: Counter<'stage' | 'disposition'>;
  private readonly waitingPartitions: Gauge<'stage'>;
  private readonly latency: Histogram<'stage'>;
  private readonly lagGauge: Gauge<'stage' | 'topic' | 'partition'>;
  private readonly haltedGauge: Gauge<'stage' | 'code'>;
  private readonly fencesTotal: Counter<'stage' | 'reason'>;
  private readonly afterCommitFailuresTotal: Counter<'stage'>;
  private readonly timeLagGauge: Gauge<'stage' | 'topic' | 'partition'>;
  private readonly outboundTotal: Counter<'bureau' | 'kind'>;
  private readonly outboundLatency: Histogram<'bureau'>;
  private readonly waitingNow = new Set<string>();
  private readonly haltedNow = new Map<string, ErrorCode>();
  /** Codes with a halted series: the deployment faults from the start (at 0), any other once seen. */
  private readonly haltCodesSeen = new Set<ErrorCode>(DEPLOYMENT_FAULT_CODES);

  /** `outputTopics`: the stage's declared outputs; outbound metrics are pre-initialised for the bureaus among them. */
  constructor(
    private readonly stage: string,
    registry: Registry,
    outputTopics: readonly string[] = [],
  ) {
    const registers = [registry];
    this.consumedTotal = new Counter({ name: METRICS.consumed, help: 'Input records read by the stage.', labelNames: ['stage', 'topic'], registers });
    this.producedTotal = new Counter({ name: METRICS.produced, help: 'Records committed to output and dead-letter topics.', labelNames: ['stage', 'topic'], registers });
    this.deadLettersTotal = new Counter({ name: METRICS.deadLetters, help: 'Input records sent to the dead-letter topic, by error code.', labelNames: ['stage', 'code'], registers });
    this.ruleRejectionsTotal = new Counter({
      name: METRICS.ruleRejections,
      help: 'Records dead-lettered for breaking a declared bureau rule, by rule id (a record breaking several rules counts once per rule).',
      labelNames: ['stage', 'rule'],
      registers,
    });
    this.batchDuration = new Histogram({ name: METRICS.batchDuration, help: 'Time to process and commit one chunk.', labelNames: ['stage', 'topic'], buckets: LATENCY_BUCKETS, registers });
    this.transactionsTotal = new Counter({ name: METRICS.transactions, help: 'Kafka transactions by result.', labelNames: ['stage', 'result'], registers });
    this.retriesTotal = new Counter({ name: METRICS.retries, help: 'Processing retries, by disposition (retry or wait).', labelNames: ['stage', 'disposition'], registers });
    this.waitingPartitions = new Gauge({ name: METRICS.waitingPartitions, help: 'Partitions currently waiting for an unavailable dependency.', labelNames: ['stage'], registers });
    this.latency = new Histogram({ name: METRICS.endToEndLatency, help: 'Origin event publish time to outputs committed by this stage.', labelNames: ['stage'], buckets: LATENCY_BUCKETS, registers });
    this.lagGauge = new Gauge({ name: METRICS.consumerLag, help: 'Records of an owned partition not yet committed by the stage: high watermark minus committed offset, sampled periodically.', labelNames: ['stage', 'topic', 'partition'], registers });
    this.haltedGauge = new Gauge({ name: METRICS.haltedPartitions, help: 'Partitions stopped by a deployment or configuration fault, by error code.', labelNames: ['stage', 'code'], registers });
    this.fencesTotal = new Counter({ name: METRICS.fences, help: 'Producer fences of a partition previous owner: on assignment, or to recover from a failed commit.', labelNames: ['stage', 'reason'], registers });
    this.afterCommitFailuresTotal = new Counter({
      name: METRICS.afterCommitFailures,
      help: "A stage's step after a committed chunk failed (e.g. erasing the sealed copies of records it deleted); the chunk stays committed.",
      labelNames: ['stage'],
      registers,
    });
    this.timeLagGauge = new Gauge({
      name: METRICS.timeLag,
      help: 'Freshness of an owned partition: now minus the broker time of the oldest input record not yet committed (0 when caught up), sampled periodically.',
      labelNames: ['stage', 'topic', 'partition'],
      registers,
    });
    this.outboundTotal = new Counter({ name: METRICS.outboundRecords, help: 'Records committed to a bureau outbound topic, by bureau and record kind.', labelNames: ['bureau', 'kind'], registers });
    this.outboundLatency = new Histogram({
      name: METRICS.outboundLatency,
      help: 'Input event published to its outbound record committed, per bureau.',
      labelNames: ['bureau'],
      buckets: OUTBOUND_LATENCY_BUCKETS,
      registers,
    });
    this.waitingPartitions.set({ stage }, 0);
    for (const code of DEPLOYMENT_FAULT_CODES) this.haltedGauge.set({ stage, code }, 0);
    for (const reason of ['assigned', 'recovered'] as const) this.fencesTotal.inc({ stage, reason }, 0);
    for (const code of ERROR_CODES) this.deadLettersTotal.inc({ stage, code }, 0);
    for (const result of ['committed', 'aborted'] as const) this.transactionsTotal.inc({ stage, result }, 0);
    for (const disposition of ['retry', 'wait'] as const) this.retriesTotal.inc({ stage, disposition }, 0);
    for (const topic of outputTopics) {
      const bureau = BUREAU_BY_OUTBOUND_TOPIC.get(topic);
      if (bureau === undefined) continue;
      this.outboundLatency.zero({ bureau });
      for (const [kind, of] of Object.entries(RECORD_KINDS)) if (of === bureau) this.outboundTotal.inc({ bureau, kind }, 0);
    }
  }

  consumed(topic: string, count: number): void {
    this.consumedTotal.inc({ stage: this.stage, topic }, count);
  }
  produced(topic: string, count: number): void {
    this.producedTotal.inc({ stage: this.stage, topic }, count);
  }
  deadLettered(code: ErrorCode, ruleIds: readonly string[] = []): void {
    this.deadLettersTotal.inc({ stage: this.stage, code });
    for (const rule of ruleIds) this.ruleRejectionsTotal.inc({ stage: this.stage, rule: RULE_ID.test(rule) ? rule : 'other' });
  }
  batchProcessed(topic: string, durationSeconds: number): void {
    this.batchDuration.observe({ stage: this.stage, topic }, durationSeconds);
  }
  transaction(result: 'committed' | 'aborted'): void {
    this.transactionsTotal.inc({ stage: this.stage, result });
  }
  retried(disposition: ErrorDisposition): void {
    this.retriesTotal.inc({ stage: this.stage, disposition });
  }
  waiting(topic: string, partition: number, active: boolean): void {
    const key = `${topic}:${partition}`;
    if (active) this.waitingNow.add(key);
    else this.waitingNow.delete(key);
    this.waitingPartitions.set({ stage: this.stage }, this.waitingNow.size);
  }
  halted(topic: string, partition: number, code: ErrorCode | null): void {
    const key = `${topic}:${partition}`;
    if (code === null) this.haltedNow.delete(key);
    else this.haltedNow.set(key, code);
    if (code !== null) this.haltCodesSeen.add(code);
    for (const each of this.haltCodesSeen) {
      this.haltedGauge.set({ stage: this.stage, code: each }, [...this.haltedNow.values()].filter((c) => c === each).length);
    }
  }
  fenced(reason: 'assigned' | 'recovered'): void {
    this.fencesTotal.inc({ stage: this.stage, reason });
  }
  afterCommitFailed(): void {
    this.afterCommitFailuresTotal.inc({ stage: this.stage });
  }
  endToEndLatency(seconds: number): void {
    this.latency.observe({ stage: this.stage }, seconds);
  }
  timeLag(topic: string, partition: number, seconds: number | null): void {
    const labels = { stage: this.stage, topic, partition: String(partition) };
    if (seconds === null) this.timeLagGauge.remove(labels);
    else this.timeLagGauge.set(labels, seconds);
  }
  outputCommitted(topic: string, kind: string | undefined, latencySeconds: number): void {
    const bureau = BUREAU_BY_OUTBOUND_TOPIC.get(topic);
    if (bureau === undefined) return;
    const known = kind !== undefined && Object.hasOwn(RECORD_KINDS, kind) ? kind : UNKNOWN_KIND;
    this.outboundTotal.inc({ bureau, kind: known });
    this.outboundLatency.observe({ bureau }, latencySeconds);
  }
  lag(topic: string, partition: number, lag: number | null): void {
    const labels = { stage: this.stage, topic, partition: String(partition) };
    if (lag === null) this.lagGauge.remove(labels);
    else this.lagGauge.set(labels, lag);
  }
}

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { StageObserver } from '@furnish/shared-stage-api';
import type { ErrorCode, ErrorDisposition } from '@furnish/shared-util-errors';
import { METRICS } from './metric-names';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The runtime's observations as Prometheus metrics; every label value comes from a closed set. */
export class PrometheusStageObserver implements StageObserver {
  private readonly consumedTotal: Counter<'stage' | 'topic'>;
  private readonly producedTotal: Counter<'stage' | 'topic'>;
  private readonly deadLettersTotal: Counter<'stage' | 'code'>;
  private readonly batchDuration: Histogram<'stage' | 'topic'>;
  private readonly transactionsTotal: Counter<'stage' | 'result'>;
  private readonly retriesTotal: Counter<'stage' | 'disposition'>;
  private readonly waitingPartitions: Gauge<'stage'>;
  private readonly latency: Histogram<'stage'>;
  private readonly lagGauge: Gauge<'stage' | 'topic' | 'partition'>;
  private readonly haltedGauge: Gauge<'stage' | 'code'>;
  private readonly fencesTotal: Counter<'stage' | 'reason'>;
  private readonly waitingNow = new Set<string>();
  private readonly haltedNow = new Map<string, ErrorCode>();

  constructor(
    private readonly stage: string,
    registry: Registry,
  ) {
    const registers = [registry];
    this.consumedTotal = new Counter({ name: METRICS.consumed, help: 'Input records read by the stage.', labelNames: ['stage', 'topic'], registers });
    this.producedTotal = new Counter({ name: METRICS.produced, help: 'Records committed to output and dead-letter topics.', labelNames: ['stage', 'topic'], registers });
    this.deadLettersTotal = new Counter({ name: METRICS.deadLetters, help: 'Input records sent to the dead-letter topic, by error code.', labelNames: ['stage', 'code'], registers });
    this.batchDuration = new Histogram({ name: METRICS.batchDuration, help: 'Time to process and commit one chunk.', labelNames: ['stage', 'topic'], buckets: LATENCY_BUCKETS, registers });
    this.transactionsTotal = new Counter({ name: METRICS.transactions, help: 'Kafka transactions by result.', labelNames: ['stage', 'result'], registers });
    this.retriesTotal = new Counter({ name: METRICS.retries, help: 'Processing retries, by disposition (retry or wait).', labelNames: ['stage', 'disposition'], registers });
    this.waitingPartitions = new Gauge({ name: METRICS.waitingPartitions, help: 'Partitions currently waiting for an unavailable dependency.', labelNames: ['stage'], registers });
    this.latency = new Histogram({ name: METRICS.endToEndLatency, help: 'Origin event publish time to outputs committed by this stage.', labelNames: ['stage'], buckets: LATENCY_BUCKETS, registers });
    this.lagGauge = new Gauge({ name: METRICS.consumerLag, help: 'Records of an owned partition not yet committed by the stage: high watermark minus committed offset, sampled periodically.', labelNames: ['stage', 'topic', 'partition'], registers });
    this.haltedGauge = new Gauge({ name: METRICS.haltedPartitions, help: 'Partitions stopped by a deployment or configuration fault, by error code.', labelNames: ['stage', 'code'], registers });
    this.fencesTotal = new Counter({ name: METRICS.fences, help: 'Producer fences of a partition previous owner: on assignment, or to recover from a failed commit.', labelNames: ['stage', 'reason'], registers });
    this.waitingPartitions.set({ stage }, 0);
    for (const reason of ['assigned', 'recovered'] as const) this.fencesTotal.inc({ stage, reason }, 0);
  }

  consumed(topic: string, count: number): void {
    this.consumedTotal.inc({ stage: this.stage, topic }, count);
  }
  produced(topic: string, count: number): void {
    this.producedTotal.inc({ stage: this.stage, topic }, count);
  }
  deadLettered(code: ErrorCode): void {
    this.deadLettersTotal.inc({ stage: this.stage, code });
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
    this.haltedGauge.reset();
    for (const each of new Set(this.haltedNow.values())) {
      this.haltedGauge.set({ stage: this.stage, code: each }, [...this.haltedNow.values()].filter((c) => c === each).length);
    }
  }
  fenced(reason: 'assigned' | 'recovered'): void {
    this.fencesTotal.inc({ stage: this.stage, reason });
  }
  endToEndLatency(seconds: number): void {
    this.latency.observe({ stage: this.stage }, seconds);
  }
  lag(topic: string, partition: number, lag: number | null): void {
    const labels = { stage: this.stage, topic, partition: String(partition) };
    if (lag === null) this.lagGauge.remove(labels);
    else this.lagGauge.set(labels, lag);
  }
}

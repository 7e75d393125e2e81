import type { ErrorCode, ErrorDisposition } from '@furnish/shared-util-errors';

/**
 * What the runtime reports as it works. The observability lib implements it with Prometheus
 * metrics; every argument is a closed-set label or a number, never record content.
 */
export interface StageObserver {
  consumed(topic: string, count: number): void;
  produced(topic: string, count: number): void;
  /** One record dead-lettered, with the ids of the declared rules it breaks (bureau rules), if any. */
  deadLettered(code: ErrorCode, ruleIds?: readonly string[]): void;
  batchProcessed(topic: string, durationSeconds: number): void;
  transaction(result: 'committed' | 'aborted'): void;
  retried(disposition: ErrorDisposition): void;
  /** True while a partition waits for an unavailable dependency. */
  waiting(topic: string, partition: number, active: boolean): void;
  /** A partition stopped for a deployment fault (its error code), or resumed (null). */
  halted(topic: string, partition: number, code: ErrorCode | null): void;
  /** A producer fenced the partition's previous owner: on assignment, or to recover from a failed commit. */
  fenced(reason: 'assigned' | 'recovered'): void;
  /** The stage's `committed` step failed after its chunk committed (CommitAware): the chunk stays committed. */
  afterCommitFailed(): void;
  /** Origin time of an input → its outputs committed by this stage. */
  endToEndLatency(seconds: number): void;
  /** Consumer lag of an owned partition: high watermark − committed offset; null when no longer owned. */
  lag(topic: string, partition: number, lag: number | null): void;
  /**
   * Freshness of an owned partition: now minus the broker time of the oldest input record not yet
   * committed (0 when caught up), so a stuck partition's value keeps growing; null when no longer owned.
   */
  timeLag(topic: string, partition: number, seconds: number | null): void;
  /** One output record committed to `topic`, its kind (if the stage gave one) and origin → commit latency. */
  outputCommitted(topic: string, kind: string | undefined, latencySeconds: number): void;
}

export const NO_OP_OBSERVER: StageObserver = {
  consumed: () => undefined,
  produced: () => undefined,
  deadLettered: () => undefined,
  batchProcessed: () => undefined,
  transaction: () => undefined,
  retried: () => undefined,
  waiting: () => undefined,
  halted: () => undefined,
  fenced: () => undefined,
  afterCommitFailed: () => undefined,
  endToEndLatency: () => undefined,
  lag: () => undefined,
  timeLag: () => undefined,
  outputCommitted: () => undefined,
};

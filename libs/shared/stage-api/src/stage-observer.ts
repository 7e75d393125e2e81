import type { ErrorCode, ErrorDisposition } from '@furnish/shared-util-errors';

/**
 * What the runtime reports as it works. The observability lib implements it with Prometheus
 * metrics; every argument is a closed-set label or a number, never record content.
 */
export interface StageObserver {
  consumed(topic: string, count: number): void;
  produced(topic: string, count: number): void;
  deadLettered(code: ErrorCode): void;
  batchProcessed(topic: string, durationSeconds: number): void;
  transaction(result: 'committed' | 'aborted'): void;
  retried(disposition: ErrorDisposition): void;
  /** True while a partition waits for an unavailable dependency. */
  waiting(topic: string, partition: number, active: boolean): void;
  /** Origin time of an input → its outputs committed by this stage. */
  endToEndLatency(seconds: number): void;
  /** Consumer lag of a partition after a batch: high watermark − next offset. */
  lag(topic: string, partition: number, lag: number): void;
}

export const NO_OP_OBSERVER: StageObserver = {
  consumed: () => undefined,
  produced: () => undefined,
  deadLettered: () => undefined,
  batchProcessed: () => undefined,
  transaction: () => undefined,
  retried: () => undefined,
  waiting: () => undefined,
  endToEndLatency: () => undefined,
  lag: () => undefined,
};

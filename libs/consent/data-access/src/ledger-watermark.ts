import type { Admin } from 'kafkajs';
import { FurnishError } from '@furnish/shared-util-errors';

export class LedgerBehindError extends FurnishError {
  constructor(waitedMs: number, behind: readonly string[]) {
    super(
      'DEPENDENCY_UNAVAILABLE',
      `consent ledger has not applied every consent event published before this batch after ${waitedMs} ms (${behind.join(', ')})`,
      'wait',
    );
  }
}

export interface LedgerWatermarkOptions {
  readonly consentTopic: string;
  /** The consent ledger's consumer group. */
  readonly ledgerGroupId: string;
  /** How long one attempt waits for the ledger before failing with a `wait` error (retried). */
  readonly maxWaitMs: number;
  readonly pollIntervalMs: number;
  /**
   * How far past a loan event's broker timestamp the ledger must have got (default
   * DEFAULT_CLOCK_SKEW_MARGIN_MS). Each partition's leader stamps LogAppendTime with its own clock;
   * with several brokers a consent event appended just before the loan event may carry a later
   * stamp by up to their clock difference, and the margin still covers it.
   */
  readonly clockSkewMarginMs?: number;
}

/** Brokers kept by NTP differ by milliseconds; a second covers a badly drifting one too. */
export const DEFAULT_CLOCK_SKEW_MARGIN_MS = 1_000;

/** The ledger's committed offsets when it covered a time, and how long the query waited for it. */
export interface LedgerCoverage {
  readonly positions: Map<number, bigint>;
  readonly waitedMs: number;
}

/** Callers waiting for the next query: it proves the latest time any of them needs. */
interface QueuedQuery {
  publishedAt: number;
  readonly coverage: Promise<LedgerCoverage>;
}

/**
 * Proves the ledger is not behind a loan event before the filter decides on it.
 *
 * Both input topics use broker time (LogAppendTime), so "every consent event published before the
 * loan event" is, per consent partition, every offset before the first one stamped later than the
 * loan event — which Kafka answers (ListOffsets by timestamp). The ledger writes to PostgreSQL
 * before it commits its consumer offsets, so its committed offsets are a lower bound of what the
 * ledger holds. The filter waits until those committed offsets reach the required ones.
 *
 * One query is four requests to the broker, and the chunks of several partitions ask at once. So
 * queries run one at a time: callers that arrive while one runs share the next, which starts after
 * the last of them arrived and proves the latest time any of them asked for. A stronger proof than
 * a caller needs is still a proof for it, and no caller is answered by a query that began before it
 * asked (the release-time re-check asks for "now").
 */
export class LedgerWatermark {
  private queued: QueuedQuery | null = null;
  /** Settles when the last query started has settled, whatever its outcome. */
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly admin: Admin,
    private readonly options: LedgerWatermarkOptions,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * Resolves, once the ledger has applied every consent event published at or before
   * `publishedAt`, with the ledger's committed offsets (its position) and how long the query that
   * proved it waited for the ledger.
   */
  awaitCoverage(publishedAt: Date): Promise<LedgerCoverage> {
    const query = this.queued ?? this.queueQuery();
    query.publishedAt = Math.max(query.publishedAt, publishedAt.getTime());
    return query.coverage;
  }

  /** Queues a query to start once the running one has settled; it takes the callers that arrive until then. */
  private queueQuery(): QueuedQuery {
    const query: QueuedQuery = {
      publishedAt: Number.NEGATIVE_INFINITY,
      coverage: this.running.then(() => {
        this.queued = null;
        return this.coverage(new Date(query.publishedAt));
      }),
    };
    this.queued = query;
    this.running = query.coverage.then(
      () => undefined,
      () => undefined,
    );
    return query;
  }

  private async coverage(publishedAt: Date): Promise<LedgerCoverage> {
    const required = await this.requiredOffsets(publishedAt);
    const started = Date.now();
    for (;;) {
      const positions = await this.ledgerPositions();
      const behind = [...required].filter(([partition, offset]) => (positions.get(partition) ?? 0n) < offset);
      const waitedMs = Date.now() - started;
      if (behind.length === 0) return { positions, waitedMs };
      if (waitedMs >= this.options.maxWaitMs) {
        throw new LedgerBehindError(
          waitedMs,
          behind.map(([partition, offset]) => `partition ${partition}: needs ${offset}, at ${positions.get(partition) ?? 0n}`),
        );
      }
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  /**
   * Per consent partition, the offset of the first event stamped after `publishedAt` plus the clock
   * skew margin (the log end when there is none yet: the ledger must then be caught up).
   */
  private async requiredOffsets(publishedAt: Date): Promise<Map<number, bigint>> {
    const margin = this.options.clockSkewMarginMs ?? DEFAULT_CLOCK_SKEW_MARGIN_MS;
    const offsets = await this.admin.fetchTopicOffsetsByTimestamp(this.options.consentTopic, publishedAt.getTime() + margin + 1);
    return new Map(offsets.map(({ partition, offset }) => [partition, BigInt(offset)]));
  }

  /** The ledger group's committed offset per partition; -1 (nothing committed) counts as 0. */
  private async ledgerPositions(): Promise<Map<number, bigint>> {
    const [topic] = await this.admin.fetchOffsets({ groupId: this.options.ledgerGroupId, topics: [this.options.consentTopic] });
    return new Map((topic?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(Math.max(0, Number(offset)))]));
  }
}

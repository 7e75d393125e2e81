import type { Admin, Consumer, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GroupOffsetsWriter } from './group-offsets.writer';
import { partitionKey, type Offsets } from '../kafka/topic-offsets';

const ORIGIN_TIME_HEADER = 'x-furnish-origin-time';

/** What the watcher saw of one phase's records (keys starting with the phase's prefix). */
export interface PhaseTally {
  count: number;
  /** Receive time − x-furnish-origin-time (the input's broker timestamp), ms, per record. */
  readonly latenciesMs: number[];
  firstAt: number;
  lastAt: number;
}

/**
 * A bureau-side read_committed consumer of the outbound topics, from given offsets. Records whose
 * key (account id) starts with a tracked prefix are counted and timed: latency is receive time
 * minus the origin time the first stage stamped (the input's LogAppendTime), so it spans publish →
 * committed on the outbound topic → fetched, on one machine clock.
 */
export class OutboundWatcher {
  private readonly consumer: Consumer;
  private readonly tallies = new Map<string, PhaseTally>();
  private readonly positions = new Map<string, bigint>();

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    private readonly offsetsWriter: GroupOffsetsWriter,
    private readonly groupId: string,
    private readonly topics: readonly string[],
  ) {
    this.consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 * 1024 * 1024 });
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const key = partitionKey(payload.topic, payload.partition);
      const next = BigInt(payload.lastOffset) + 1n;
      if (next > (this.positions.get(key) ?? -1n)) this.positions.set(key, next);
    });
  }

  track(prefix: string): PhaseTally {
    const tally: PhaseTally = { count: 0, latenciesMs: [], firstAt: 0, lastAt: 0 };
    this.tallies.set(prefix, tally);
    return tally;
  }

  async start(from: Offsets): Promise<void> {
    for (const [key, offset] of from) this.positions.set(key, offset);
    await this.offsetsWriter.set(this.groupId, from);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.topics.length * 3,
      eachBatch: async ({ batch }) => {
        const receivedAt = Date.now();
        for (const message of batch.messages) {
          const key = message.key?.toString('utf8') ?? '';
          const tally = this.tallyFor(key);
          if (!tally) continue;
          tally.count += 1;
          if (tally.firstAt === 0) tally.firstAt = receivedAt;
          tally.lastAt = receivedAt;
          const header = message.headers?.[ORIGIN_TIME_HEADER];
          const origin = header === undefined ? Number.NaN : Number(String(Array.isArray(header) ? header[0] : header));
          if (Number.isFinite(origin)) tally.latenciesMs.push(receivedAt - origin);
        }
      },
    });
  }

  /** Resolves once the watcher has read up to `ends` (what the formatter has committed). */
  async caughtUp(ends: Offsets, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = [...ends].filter(([key, end]) => end > 0n && (this.positions.get(key) ?? 0n) < end);
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`outbound watcher is behind on ${behind.map(([k]) => k).join(', ')} after ${timeoutMs / 1000} s`);
      await sleep(25);
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
  }

  private tallyFor(key: string): PhaseTally | undefined {
    for (const [prefix, tally] of this.tallies) if (key.startsWith(prefix)) return tally;
    return undefined;
  }
}

import type { Admin, IHeaders, Kafka, Producer, Transaction } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendedRecords, drainTargets, endOffsets, type Offsets } from '../kafka/topic-offsets';

export interface BenchMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
}

/** Bytes per send: a partition's record batch must stay under the broker's 1 MB message.max.bytes. */
const SEND_BYTES = 512 * 1024;

/**
 * A pre-filled input held back by an open transaction: every message is already on the broker,
 * but a read_committed consumer (every stage) sees none of it until `release()` commits. So a
 * stage can start, join its group and sit idle at the gate; the drain is timed from the release,
 * with no start-up in it and the data hot in the page cache, the same for every stage and the
 * passthrough.
 */
export class GatedBatch {
  /** End offsets once released. */
  end: Offsets | undefined;

  private constructor(
    private readonly producer: Producer,
    private readonly transaction: Transaction,
    private readonly admin: Admin,
    readonly topics: readonly string[],
    readonly start: Offsets,
    readonly count: number,
  ) {}

  static async open(kafka: Kafka, admin: Admin, transactionalId: string, messages: readonly BenchMessage[]): Promise<GatedBatch> {
    const topics = [...new Set(messages.map((m) => m.topic))];
    const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 300_000 });
    await producer.connect();
    const start = await endOffsets(admin, topics);
    const transaction = await producer.transaction();
    try {
      for (let i = 0; i < messages.length; ) {
        const byTopic = new Map<string, BenchMessage[]>();
        for (let bytes = 0; i < messages.length && bytes < SEND_BYTES; i++) {
          const message = messages[i];
          bytes += (message.value?.length ?? 0) + 64;
          const list = byTopic.get(message.topic) ?? [];
          list.push(message);
          byTopic.set(message.topic, list);
        }
        await transaction.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map(({ key, value, headers }) => ({ key, value, headers })) })),
        });
      }
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      await producer.disconnect();
      throw error;
    }
    return new GatedBatch(producer, transaction, admin, topics, start, messages.length);
  }

  /**
   * Commits the transaction; returns when (epoch ms) the commit was acknowledged, the end offsets
   * and the committed offsets a consumer group must reach to have consumed all of it. The broker
   * acknowledges a commit before it has written the commit markers to the partitions, and end
   * offsets read as read_committed (as kafkajs's admin does) only move once it has, so this waits
   * for them.
   */
  async release(): Promise<{ releasedAt: number; end: Offsets; targets: ReadonlyMap<string, bigint> }> {
    await this.transaction.commit();
    const releasedAt = Date.now();
    await this.producer.disconnect();
    const deadline = releasedAt + 10_000;
    for (;;) {
      const end = await endOffsets(this.admin, this.topics);
      const appended = appendedRecords(this.start, end, true);
      if (appended === this.count) {
        this.end = end;
        return { releasedAt, end, targets: drainTargets(this.start, end, true) };
      }
      if (appended > this.count || Date.now() > deadline) {
        throw new Error(`the gated batch added ${appended} records to ${this.topics.join(', ')}, expected ${this.count}: something else is writing to the bench's topics (another bench with the same FURNISH_TOPIC_PREFIX?)`);
      }
      await sleep(5);
    }
  }

  async abort(): Promise<void> {
    await this.transaction.abort().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
  }
}

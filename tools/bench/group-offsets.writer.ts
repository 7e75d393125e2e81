import type { Admin, Kafka, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { committedOffsets, splitKey, type Offsets } from '../kafka/topic-offsets';

/**
 * Sets consumer groups' committed offsets in milliseconds. kafkajs's admin.setOffsets runs a
 * consumer that joins the group (the broker's 3 s initial rebalance delay included): about 5 s per
 * topic. A transaction holding only `sendOffsets` commits the same offsets (TxnOffsetCommit), as
 * every stage does per chunk; the group must have no members, as for setOffsets.
 */
export class GroupOffsetsWriter {
  private producer: Promise<Producer> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly transactionalId: string,
  ) {}

  async set(groupId: string, offsets: Offsets): Promise<void> {
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const [key, offset] of offsets) {
      const { topic, partition } = splitKey(key);
      const list = byTopic.get(topic) ?? [];
      list.push({ partition, offset: offset.toString() });
      byTopic.set(topic, list);
    }
    if (byTopic.size === 0) return;
    const producer = await this.connected();
    const transaction = await producer.transaction();
    try {
      await transaction.sendOffsets({ consumerGroupId: groupId, topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
    // The commit is acknowledged before its marker makes the offsets visible.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const committed = await committedOffsets(this.admin, groupId, [...byTopic.keys()]);
      if ([...offsets].every(([key, offset]) => committed.get(key) === offset)) return;
      if (Date.now() > deadline) throw new Error(`offsets of ${groupId} not visible 10 s after their commit`);
      await sleep(5);
    }
  }

  async close(): Promise<void> {
    await (await this.producer?.catch(() => undefined))?.disconnect();
  }

  private connected(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ transactionalId: this.transactionalId, idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }
}

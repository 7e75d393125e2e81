import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadRecord {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Ends a read that sees nothing new for this long: a transactional topic ends in commit markers, which are never delivered. */
const IDLE_MS = 1_500;
const READ_TIMEOUT_MS = 60_000;

/**
 * Reads the committed records of a topic (read_committed) from `fromOffset` (default: the start)
 * to its current end, or only partition `partition`, or stops at the first record at or past
 * `stopAt` in that partition. A consumer group of its own that never commits: nothing moves.
 */
export async function readCommitted(
  kafka: Kafka,
  topic: string,
  options: { readonly partition?: number; readonly fromOffset?: string; readonly stopAtFirst?: boolean } = {},
): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `furnish-dlq-tool-${randomUUID()}`;
  try {
    const offsets = (await admin.fetchTopicOffsets(topic)).filter((o) => options.partition === undefined || o.partition === options.partition);
    const starts = new Map(offsets.map((o) => [o.partition, options.fromOffset !== undefined && BigInt(options.fromOffset) > BigInt(o.low) ? options.fromOffset : o.low]));
    const remaining = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(starts.get(o.partition)!)).map((o) => [o.partition, BigInt(o.high)]));
    if (remaining.size === 0) return [];
    const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 200 });
    const records: ReadRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      let lastSeen = Date.now();
      let finished: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finished = resolve));
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          lastSeen = Date.now();
          const end = remaining.get(batch.partition);
          if (end === undefined) return;
          const start = BigInt(starts.get(batch.partition)!);
          for (const message of batch.messages) {
            if (BigInt(message.offset) < start) continue;
            if (BigInt(message.offset) >= end) break;
            records.push({ partition: batch.partition, message });
            if (options.stopAtFirst) {
              remaining.delete(batch.partition);
              break;
            }
          }
          if (remaining.has(batch.partition) && BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(batch.partition);
          if (remaining.size === 0) finished();
        },
      });
      for (const [partition, offset] of starts) if (remaining.has(partition)) consumer.seek({ topic, partition, offset });
      const started = Date.now();
      const ticker = setInterval(() => {
        if (Date.now() - lastSeen > IDLE_MS || Date.now() - started > READ_TIMEOUT_MS) finished();
      }, 200);
      await done;
      clearInterval(ticker);
    } finally {
      await consumer.disconnect();
    }
    return records;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

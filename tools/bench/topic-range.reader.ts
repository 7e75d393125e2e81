import type { Admin, IHeaders, Kafka } from 'kafkajs';
import type { BenchMessage } from './gated-batch';
import type { GroupOffsetsWriter } from './group-offsets.writer';
import { partitionKey, type Offsets } from '../kafka/topic-offsets';

export interface RangeRecord extends BenchMessage {
  readonly partition: number;
  readonly offset: string;
  readonly headers: IHeaders;
}

/**
 * Reads, read_committed, every record appended to some topics between two offset snapshots: raw
 * bytes, key and headers, in partition order. Used to give the next stage (and the passthrough) an
 * exact copy of what the previous stage committed. The group is throw-away and deleted afterwards.
 */
export async function readRange(
  kafka: Kafka,
  admin: Admin,
  offsetsWriter: GroupOffsetsWriter,
  groupId: string,
  start: Offsets,
  end: Offsets,
  timeoutMs = 120_000,
): Promise<RangeRecord[]> {
  const pending = new Map<string, bigint>();
  for (const [key, to] of end) if (to > (start.get(key) ?? 0n)) pending.set(key, to);
  if (pending.size === 0) return [];
  const topics = [...new Set([...end.keys()].map((key) => key.slice(0, key.lastIndexOf(':'))))];
  await offsetsWriter.set(groupId, start);
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 * 1024 * 1024 });
  const records: RangeRecord[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  // END_BATCH_PROCESS also fires for batches of nothing but commit markers, which eachBatch never
  // sees; its lastOffset counts them, so the position reaches the end offset exactly.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const key = partitionKey(payload.topic, payload.partition);
    const to = pending.get(key);
    if (to !== undefined && BigInt(payload.lastOffset) + 1n >= to) pending.delete(key);
    if (pending.size === 0) finish();
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 6,
      eachBatch: async ({ batch }) => {
        const to = end.get(partitionKey(batch.topic, batch.partition)) ?? 0n;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= to) break;
          records.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers: message.headers ?? {} });
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${topics.join(', ')} did not finish within ${timeoutMs} ms (${pending.size} partitions left)`)), timeoutMs);
    });
    await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records;
}

import type { Kafka } from 'kafkajs';

export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Waits until a stage's consumer group has committed past every given input record. Stages commit
 * offsets in the same transaction as their outputs and dead letters, so afterwards everything the
 * stage made of those records is visible to read-committed consumers — including "nothing", which
 * no output could signal.
 */
export async function waitUntilCommittedPast(kafka: Kafka, groupId: string, records: readonly RecordPosition[], timeoutMs = 120_000): Promise<void> {
  const topics = [...new Set(records.map((r) => r.topic))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const committed = new Map<string, bigint>();
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        for (const { partition, offset } of partitions) committed.set(`${topic}/${partition}`, BigInt(offset));
      }
      const pending = records.filter((r) => (committed.get(`${r.topic}/${r.partition}`) ?? -1n) <= BigInt(r.offset));
      if (pending.length === 0) return;
      if (Date.now() > deadline) {
        const sample = pending.slice(0, 3).map((r) => `${r.topic}[${r.partition}]@${r.offset}`);
        throw new Error(`consumer group ${groupId} has not committed past ${pending.length} record(s) (${sample.join(', ')}) within ${timeoutMs} ms: is the service running?`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

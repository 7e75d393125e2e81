import type { IHeaders, Kafka } from 'kafkajs';
import { HEADERS, type OriginalHeader } from '@furnish/shared-stage-runtime';

export interface RedriveMessage {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly OriginalHeader[];
  readonly redriveId: string;
}

/**
 * Publishes a re-driven message in a Kafka transaction of its own (a retried send is never written
 * twice; read_committed consumers see it once it commits), keyed as the original so it lands in
 * the partition the original was meant for. kafkajs cannot write a null header value: those are
 * left out and named in the result. The message carries `x-furnish-redrive-id`, the audit's id.
 */
export async function publishRedrive(kafka: Kafka, message: RedriveMessage): Promise<{ readonly partition: number; readonly offset: string; readonly droppedNullHeaders: readonly string[] }> {
  const headers: IHeaders = {};
  const dropped: string[] = [];
  for (const [name, value] of message.headers) {
    if (value === null) {
      dropped.push(name);
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value] as Buffer[];
  }
  headers[HEADERS.redriveId] = message.redriveId;
  const producer = kafka.producer({ transactionalId: `furnish-dlq-redrive-${message.redriveId}`, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const transaction = await producer.transaction();
    try {
      const [metadata] = await transaction.send({ topic: message.topic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
      await transaction.commit();
      return { partition: metadata.partition, offset: metadata.baseOffset!, droppedNullHeaders: dropped };
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  } finally {
    await producer.disconnect();
  }
}

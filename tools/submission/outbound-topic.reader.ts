import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { AvroSerde } from '@furnish/shared-avro-serde';
import type { KafkaSecurity } from '@furnish/shared-connection-security';
import type { OutboundRecord } from '@furnish/shared-contracts';
import { OutboundTopicReadError } from './errors';

export interface OutboundTopicReadOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly serde: AvroSerde;
  /** Give up when the end has not been reached by then (an open transaction holds read_committed back). */
  readonly timeoutMs: number;
  /** TLS and SASL for a secured cluster (KAFKA_SSL, KAFKA_SASL_*). */
  readonly kafkaSecurity?: KafkaSecurity;
}

/**
 * Every committed record on the topic from the beginning up to its end as it was when reading
 * started: high watermarks are captured first, then a read_committed consumer in a throwaway group
 * reads from the earliest offsets and stops once each partition's position (control records and
 * aborted batches included) reaches its watermark. The group is deleted afterwards.
 */
export async function readOutboundTopic(options: OutboundTopicReadOptions): Promise<OutboundRecord[]> {
  const kafka = new Kafka({
    ...options.kafkaSecurity,
    clientId: 'furnish-submission',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `furnish-submission-${randomUUID()}`;
  try {
    const ends = new Map<number, bigint>();
    for (const { partition, high, low } of await admin.fetchTopicOffsets(options.topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
    }
    if (ends.size === 0) return [];
    return await consumeUntil(kafka, groupId, ends, options);
  } finally {
    await deleteGroup(admin, groupId);
    await admin.disconnect();
  }
}

async function consumeUntil(kafka: Kafka, groupId: string, ends: ReadonlyMap<number, bigint>, options: OutboundTopicReadOptions): Promise<OutboundRecord[]> {
  const consumer = kafka.consumer({ groupId, readUncommitted: false, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  const records: OutboundRecord[] = [];
  const positions = new Map<number, bigint>();
  let settle: (error?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const reachedEnd = (): boolean => [...ends].every(([partition, end]) => (positions.get(partition) ?? -1n) + 1n >= end);
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const last = BigInt(payload.lastOffset);
    if (last > (positions.get(payload.partition) ?? -1n)) positions.set(payload.partition, last);
    if (reachedEnd()) settle();
  });
  const timer = setTimeout(() => settle(new OutboundTopicReadError(`${options.topic} was not read to its end within ${options.timeoutMs} ms (an open transaction?)`)), options.timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = ends.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        try {
          records.push(await options.serde.decode<OutboundRecord>(options.topic, message.value));
        } catch (cause) {
          settle(new OutboundTopicReadError(`cannot decode ${options.topic} partition ${partition} offset ${message.offset}`, { cause }));
        }
      },
    });
    await finished;
    return records;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // The group may not exist (nothing was read); a leftover empty group expires on its own.
  }
}

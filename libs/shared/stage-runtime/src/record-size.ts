import type { KafkaMessage, Message, TopicMessages } from 'kafkajs';
import { headersBytes } from './kafka-headers';

/** A v2 record batch header: what every produce request pays per partition. */
export const RECORD_BATCH_OVERHEAD_BYTES = 61;
/** Attributes, timestamp and offset deltas, and the varint lengths of one record: at most this. */
const RECORD_OVERHEAD_BYTES = 40;

/** An upper bound of the bytes a message takes in an uncompressed record batch. */
export function recordBytes(message: Pick<Message, 'key' | 'value' | 'headers'> | KafkaMessage): number {
  return RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value) + headersBytes(message.headers);
}

/** Whether a message fits one record batch of a topic whose `max.message.bytes` is `limit`. */
export const fitsTopic = (message: Pick<Message, 'key' | 'value' | 'headers'>, limit: number): boolean =>
  recordBytes(message) + RECORD_BATCH_OVERHEAD_BYTES <= limit;

/**
 * Splits a transaction's messages into produce requests whose record batches stay below the
 * topics' `max.message.bytes`: kafkajs writes every message of a topic-partition in one request as
 * one batch, so a chunk that fans out (one copy per bureau, dead letters with their headers) must
 * be sent in parts. Order within each topic is kept; each message is assumed to fit on its own
 * (the chunk processor dead-letters those that do not).
 */
export function splitIntoRequests(topicMessages: readonly TopicMessages[], limitOf: (topic: string) => number): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current = new Map<string, Message[]>();
  let bytes = RECORD_BATCH_OVERHEAD_BYTES;
  let budget = Number.POSITIVE_INFINITY;
  const flush = () => {
    if (current.size > 0) requests.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    bytes = RECORD_BATCH_OVERHEAD_BYTES;
    budget = Number.POSITIVE_INFINITY;
  };
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const size = recordBytes(message);
      const limit = limitOf(topic);
      if (current.size > 0 && (bytes + size > Math.min(budget, limit))) flush();
      budget = Math.min(budget, limit);
      bytes += size;
      const list = current.get(topic) ?? [];
      list.push(message);
      current.set(topic, list);
    }
  }
  flush();
  return requests;
}

/** Cuts a fetched batch into chunks of at most `maxRecords` records and `maxBytes` bytes (a larger record is a chunk alone). */
export function cutChunks<T extends KafkaMessage>(messages: readonly T[], limits: { readonly maxRecords: number; readonly maxBytes: number }): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = recordBytes(message);
    if (current.length > 0 && (current.length >= limits.maxRecords || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

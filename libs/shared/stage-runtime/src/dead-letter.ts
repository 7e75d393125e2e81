import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { FurnishError } from '@furnish/shared-util-errors';
import { HEADERS } from './headers';

/** Longest error message written to a DLQ header; messages never contain data, but stay bounded. */
const MAX_MESSAGE_LENGTH = 1_000;

/**
 * The dead-letter copy of an input message: its original key, value and headers, untouched, plus
 * headers saying which stage rejected it, why, and where it came from, so it can be replayed.
 */
export function deadLetterMessage(
  stage: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  error: FurnishError,
): Message {
  const { topic, partition, message } = source;
  const headers: IHeaders = {
    ...(message.headers ?? {}),
    [HEADERS.stage]: stage,
    [HEADERS.errorCode]: error.code,
    [HEADERS.errorMessage]: error.message.slice(0, MAX_MESSAGE_LENGTH),
    [HEADERS.sourceTopic]: topic,
    [HEADERS.sourcePartition]: String(partition),
    [HEADERS.sourceOffset]: message.offset,
    [HEADERS.sourceTimestamp]: message.timestamp,
  };
  return { key: message.key, value: message.value, headers };
}

import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { FurnishError } from '@furnish/shared-util-errors';
import { HEADERS } from './headers';
import { writableHeaders } from './kafka-headers';
import { fitsTopic } from './record-size';

/** Longest error message written to a DLQ header; messages never contain data, but stay bounded. */
const MAX_MESSAGE_LENGTH = 1_000;

/**
 * The dead-letter copy of an input message: its original key, value and headers, untouched, plus
 * headers saying which stage rejected it, why, and where it came from, so it can be replayed.
 *
 * Two things cannot be copied as they are: null header values (kafkajs cannot write them; their
 * names are listed in x-furnish-null-headers) and a message too large for the dead-letter topic
 * (`dlqLimitBytes`): then the key, value and original headers are left out, their sizes recorded,
 * and the source position in the headers is the way back to the original.
 */
export function deadLetterMessage(
  stage: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  error: FurnishError,
  dlqLimitBytes?: number,
): Message {
  const { topic, partition, message } = source;
  const original = writableHeaders(message.headers);
  const ours: IHeaders = {
    [HEADERS.stage]: stage,
    [HEADERS.errorCode]: error.code,
    [HEADERS.errorMessage]: error.message.slice(0, MAX_MESSAGE_LENGTH),
    [HEADERS.sourceTopic]: topic,
    [HEADERS.sourcePartition]: String(partition),
    [HEADERS.sourceOffset]: message.offset,
    [HEADERS.sourceTimestamp]: message.timestamp,
  };
  if (original.droppedNullHeaders.length > 0) ours[HEADERS.nullHeaders] = original.droppedNullHeaders.join(',');
  const whole: Message = { key: message.key, value: message.value, headers: { ...original.headers, ...ours } };
  if (dlqLimitBytes === undefined || fitsTopic(whole, dlqLimitBytes)) return whole;
  return {
    key: null,
    value: null,
    headers: {
      ...ours,
      [HEADERS.omitted]: `key=${message.key?.length ?? 0},value=${message.value?.length ?? 0},headers=${Object.keys(message.headers ?? {}).length}`,
    },
  };
}

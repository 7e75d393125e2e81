import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { FurnishError } from '@furnish/shared-util-errors';
import { deadLetterKeyRef, encodeOriginal, originalHeaders, sealDeadLetter, sealedBytes, type DeadLetterContext } from './dead-letter-envelope';
import type { DeadLetterKeyRing } from './dead-letter-keys';
import { HEADERS } from './headers';
import { fitsTopic } from './record-size';

/** Longest error message written to a DLQ header; messages never contain data, but stay bounded. */
const MAX_MESSAGE_LENGTH = 1_000;
/** Confluent wire format: magic byte 0, then the schema id (4 bytes, big-endian). */
const WIRE_MAGIC = 0;

/**
 * The dead letter of an input message. Its headers say only which stage rejected it and why, where
 * it came from (source topic, partition, offset, timestamp) and the schema id its value names; its
 * value is the original key, value and headers sealed under the DLQ key ring (dead-letter-envelope.ts)
 * and bound to that stage and position; its key is a keyed hash of the original key. An operator
 * with the key ring opens and re-drives it (`npm run dlq`, docs/operations.md).
 *
 * A dead letter too large for its topic (`dlqLimitBytes`) carries no value: the sizes of what was
 * left out are recorded, and the source position is the way back to the original.
 */
export function deadLetterMessage(
  stage: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  error: FurnishError,
  keys: DeadLetterKeyRing,
  dlqLimitBytes?: number,
): Message {
  const { topic, partition, message } = source;
  const context: DeadLetterContext = { stage, sourceTopic: topic, sourcePartition: partition, sourceOffset: message.offset };
  const headers: IHeaders = {
    [HEADERS.stage]: stage,
    [HEADERS.errorCode]: error.code,
    [HEADERS.errorMessage]: error.message.slice(0, MAX_MESSAGE_LENGTH),
    [HEADERS.sourceTopic]: topic,
    [HEADERS.sourcePartition]: String(partition),
    [HEADERS.sourceOffset]: message.offset,
    [HEADERS.sourceTimestamp]: message.timestamp,
  };
  const schemaId = confluentSchemaId(message.value);
  if (schemaId !== undefined) headers[HEADERS.sourceSchemaId] = String(schemaId);
  const key = message.key === null ? null : deadLetterKeyRef(keys.current, message.key);
  const original = originalHeaders(message.headers);
  const plaintext = encodeOriginal({ key: message.key, value: message.value, headers: original });
  const bytes = sealedBytes(keys.current.id, plaintext.length);
  // The size check uses a placeholder of the sealed length, so an oversized value is never encrypted.
  if (dlqLimitBytes === undefined || fitsTopic({ key, value: Buffer.alloc(0), headers }, dlqLimitBytes - bytes)) {
    return { key, value: sealDeadLetter(keys.current, context, plaintext), headers };
  }
  return {
    key,
    value: null,
    headers: { ...headers, [HEADERS.omitted]: `key=${message.key?.length ?? 0},value=${message.value?.length ?? 0},headers=${original.length}` },
  };
}

/** The registry id a Confluent-framed value names; undefined when the value is not framed. */
function confluentSchemaId(value: Buffer | null): number | undefined {
  if (value === null || value.length < 5 || value[0] !== WIRE_MAGIC) return undefined;
  return value.readUInt32BE(1);
}

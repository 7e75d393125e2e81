import type { KafkaMessage } from 'kafkajs';
import type { DeadLetterRef } from '@furnish/consent-data-access';
import { HEADERS, headerText, sealedKeyId, type DeadLetterContext } from '@furnish/shared-stage-runtime';
import { isStage, type DeadLetterAddress } from './dead-letter-address';

/** What a dead letter's headers (and the key id its sealed value names) say about it: no payload. */
export interface DeadLetterSummary extends DeadLetterRef {
  readonly address: DeadLetterAddress;
  readonly deadLetteredAt: Date;
  readonly errorMessage: string;
  readonly sourceTimestamp: Date | undefined;
  readonly schemaId: string | undefined;
  /** Set when the dead letter would not fit its topic: the sizes of what was left out (no value to open). */
  readonly omitted: string | undefined;
  /** The Kafka key: a keyed hash of the source key, or null. */
  readonly keyRef: string | null;
}

/** A record in a DLQ topic whose headers do not say where it came from: not a Furnish dead letter. */
export class NotADeadLetterError extends Error {
  constructor(topic: string, partition: number, offset: string, missing: string) {
    super(`${topic} partition ${partition} offset ${offset} is not a Furnish dead letter (no ${missing} header)`);
    this.name = 'NotADeadLetterError';
  }
}

export function summariseDeadLetter(topic: string, partition: number, message: KafkaMessage): DeadLetterSummary {
  const header = (name: string) => headerText(message.headers, name);
  const required = (name: string) => {
    const value = header(name);
    if (value === undefined) throw new NotADeadLetterError(topic, partition, message.offset, name);
    return value;
  };
  const stage = required(HEADERS.stage);
  if (!isStage(stage)) throw new NotADeadLetterError(topic, partition, message.offset, `known ${HEADERS.stage}`);
  const sourceTimestamp = Number(header(HEADERS.sourceTimestamp));
  return {
    address: { stage, topic, partition, offset: message.offset },
    dlqTopic: topic,
    dlqPartition: partition,
    dlqOffset: message.offset,
    stage,
    errorCode: required(HEADERS.errorCode),
    errorMessage: header(HEADERS.errorMessage) ?? '',
    sourceTopic: required(HEADERS.sourceTopic),
    sourcePartition: Number(required(HEADERS.sourcePartition)),
    sourceOffset: required(HEADERS.sourceOffset),
    sourceTimestamp: Number.isFinite(sourceTimestamp) && sourceTimestamp > 0 ? new Date(sourceTimestamp) : undefined,
    schemaId: header(HEADERS.sourceSchemaId),
    omitted: header(HEADERS.omitted),
    keyId: sealedKeyId(message.value) ?? null,
    keyRef: message.key?.toString('utf8') ?? null,
    deadLetteredAt: new Date(Number(message.timestamp)),
  };
}

/** What the sealed value is bound to (dead-letter-envelope.ts): opening it checks these headers too. */
export const contextOf = (summary: DeadLetterSummary): DeadLetterContext => ({
  stage: summary.stage,
  sourceTopic: summary.sourceTopic,
  sourcePartition: summary.sourcePartition,
  sourceOffset: summary.sourceOffset,
});

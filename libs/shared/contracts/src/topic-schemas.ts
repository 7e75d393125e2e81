import type { SchemaName } from './schema-names';
import { TOPICS, type Bureau } from './topics';

export const MINIMISED_SCHEMA_BY_BUREAU = {
  'pboc-crc': 'minimised-pboc-crc-record',
  baihang: 'minimised-baihang-record',
  metro2: 'minimised-metro2-record',
} as const satisfies Record<Bureau, SchemaName>;

/** The value schema of every Avro topic. Dead-letter topics are absent: they carry the original bytes. */
export const TOPIC_VALUE_SCHEMAS = {
  [TOPICS.loanEvents]: 'loan-event',
  [TOPICS.consentEvents]: 'consent-event',
  [TOPICS.consentedLoanEvents]: 'consented-loan-event',
  [TOPICS.minimised['pboc-crc']]: MINIMISED_SCHEMA_BY_BUREAU['pboc-crc'],
  [TOPICS.minimised.baihang]: MINIMISED_SCHEMA_BY_BUREAU.baihang,
  [TOPICS.minimised.metro2]: MINIMISED_SCHEMA_BY_BUREAU.metro2,
  [TOPICS.outbound['pboc-crc']]: 'outbound-record',
  [TOPICS.outbound.baihang]: 'outbound-record',
  [TOPICS.outbound.metro2]: 'outbound-record',
} as const satisfies Record<string, SchemaName>;

export type AvroTopic = Extract<keyof typeof TOPIC_VALUE_SCHEMAS, string>;

export const isAvroTopic = (topic: string): topic is AvroTopic => Object.hasOwn(TOPIC_VALUE_SCHEMAS, topic);

export function schemaNameForTopic<T extends AvroTopic>(topic: T): (typeof TOPIC_VALUE_SCHEMAS)[T];
export function schemaNameForTopic(topic: string): SchemaName;
export function schemaNameForTopic(topic: string): SchemaName {
  if (!isAvroTopic(topic)) throw new Error(`topic ${topic} has no Avro value schema`);
  return TOPIC_VALUE_SCHEMAS[topic];
}

/** Registry subject of a topic's values under the TopicNameStrategy. */
export function subjectForTopic(topic: string): `${string}-value` {
  if (!isAvroTopic(topic)) throw new Error(`topic ${topic} has no Avro value schema`);
  return `${topic}-value`;
}

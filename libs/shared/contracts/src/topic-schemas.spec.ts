import { BUREAU_CODE_SYMBOLS } from './generated/consent-event';
import { BUREAU_CODES, bureauCodeOf, bureauOfCode } from './bureau-codes';
import { schemaCatalog } from './schema-catalog';
import { SCHEMA_NAMES } from './schema-names';
import { TOPIC_VALUE_SCHEMAS, isAvroTopic, schemaNameForTopic, subjectForTopic } from './topic-schemas';
import { BUREAUS, TOPICS, TOPIC_SPECS } from './topics';

describe('topic value schemas', () => {
  it('maps every non-dead-letter topic to a schema of the catalog', () => {
    const deadLetters = new Set<string>(Object.values(TOPICS.deadLetter));
    const avroTopics = TOPIC_SPECS.map((t) => t.name).filter((name) => !deadLetters.has(name));
    expect(Object.keys(TOPIC_VALUE_SCHEMAS).sort()).toEqual(avroTopics.sort());
    for (const topic of avroTopics) expect(schemaCatalog().schemaForTopic(topic).name).toBe(schemaNameForTopic(topic));
    expect(new Set(Object.values(TOPIC_VALUE_SCHEMAS))).toEqual(new Set(SCHEMA_NAMES));
  });

  it('routes each bureau to its own minimised schema and the shared outbound envelope', () => {
    expect(schemaNameForTopic(TOPICS.minimised.metro2)).toBe('minimised-metro2-record');
    expect(schemaNameForTopic(TOPICS.outbound['pboc-crc'])).toBe('outbound-record');
    expect(schemaNameForTopic(TOPICS.loanEvents)).toBe('loan-event');
  });

  it('uses TopicNameStrategy subjects', () => {
    expect(subjectForTopic('lending.consent-events.v1')).toBe('lending.consent-events.v1-value');
  });

  it('has no schema for dead-letter or unknown topics', () => {
    expect(isAvroTopic(TOPICS.deadLetter.minimiser)).toBe(false);
    expect(() => schemaNameForTopic(TOPICS.deadLetter.minimiser)).toThrow('has no Avro value schema');
    expect(() => subjectForTopic('lending.loan-events.v2')).toThrow('has no Avro value schema');
  });
});

describe('bureau codes', () => {
  it('pair every topic bureau id with one Avro symbol, both ways', () => {
    expect(Object.keys(BUREAU_CODES)).toEqual([...BUREAUS]);
    expect(Object.values(BUREAU_CODES).sort()).toEqual([...BUREAU_CODE_SYMBOLS].sort());
    for (const bureau of BUREAUS) expect(bureauOfCode(bureauCodeOf(bureau))).toBe(bureau);
  });
});

/** Kafka header names Furnish writes. Declared once; documented in docs/event-contract.md. */
export const HEADERS = {
  /** Epoch milliseconds when the originating input event was published; carried through every stage. */
  originTime: 'x-furnish-origin-time',
  /**
   * Epoch milliseconds of the consent filter's decision a minimised record descends from (the consented
   * record's decidedAt), written by the minimiser: the release-time re-check finds that decision in
   * its audit partition instead of in every partition (ConsentDecisionRepository.releasedDecisions).
   */
  decidedAt: 'x-furnish-decided-at',
  stage: 'x-furnish-stage',
  errorCode: 'x-furnish-error-code',
  errorMessage: 'x-furnish-error-message',
  sourceTopic: 'x-furnish-source-topic',
  sourcePartition: 'x-furnish-source-partition',
  sourceOffset: 'x-furnish-source-offset',
  sourceTimestamp: 'x-furnish-source-timestamp',
  /** The registry id of the schema a dead letter's original value names (Confluent framing), when it has one. */
  sourceSchemaId: 'x-furnish-source-schema-id',
  /** Set when a dead letter would not fit its topic: the sizes of what was left out (read it at the source position). */
  omitted: 'x-furnish-omitted',
  /** On a re-driven message: the id of its re-drive in the dead-letter audit (`npm run dlq`). */
  redriveId: 'x-furnish-redrive-id',
} as const;

/** The only headers a dead letter carries: reason, stage, source position and schema id (issue 15). */
export const DEAD_LETTER_HEADERS: readonly string[] = [
  HEADERS.stage,
  HEADERS.errorCode,
  HEADERS.errorMessage,
  HEADERS.sourceTopic,
  HEADERS.sourcePartition,
  HEADERS.sourceOffset,
  HEADERS.sourceTimestamp,
  HEADERS.sourceSchemaId,
  HEADERS.omitted,
];

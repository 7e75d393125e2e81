/** Kafka header names Furnish writes. Declared once; documented in docs/event-contract.md. */
export const HEADERS = {
  /** Epoch milliseconds when the originating input event was published; carried through every stage. */
  originTime: 'x-furnish-origin-time',
  stage: 'x-furnish-stage',
  errorCode: 'x-furnish-error-code',
  errorMessage: 'x-furnish-error-message',
  sourceTopic: 'x-furnish-source-topic',
  sourcePartition: 'x-furnish-source-partition',
  sourceOffset: 'x-furnish-source-offset',
  sourceTimestamp: 'x-furnish-source-timestamp',
  /** Names of the input's headers whose value was null (Kafka allows it; they cannot be copied). */
  nullHeaders: 'x-furnish-null-headers',
  /** Set when a dead letter would not fit its topic: the sizes of what was left out (read it at the source position). */
  omitted: 'x-furnish-omitted',
} as const;

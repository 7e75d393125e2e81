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
} as const;

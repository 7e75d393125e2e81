/**
 * Every error code Furnish can report, declared once. Codes are metric label values and DLQ header
 * values, so the set is closed and never carries data.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'WIRE_FORMAT_INVALID',
  'SCHEMA_UNKNOWN_ID',
  'SCHEMA_INCOMPATIBLE',
  'AVRO_DECODE_FAILED',
  'AVRO_DECLARED_SIZE_INVALID',
  'AVRO_ITEM_LIMIT_EXCEEDED',
  'AVRO_ENCODE_INVALID',
  'REGISTRY_UNAVAILABLE',
  'REGISTRY_REJECTED',
  'KEY_MISMATCH',
  'EVENT_INVALID',
  // A consent event reusing a recorded (consent id, version) with other content: rejected, never dropped.
  'CONSENT_VERSION_CONFLICT',
  'DEPENDENCY_UNAVAILABLE',
  'RECORD_INVALID',
  'PROCESSING_FAILED',
  // A record the pipeline cannot carry or store as it is (too large for a topic, a value the database refuses).
  'RECORD_TOO_LARGE',
  'RECORD_UNSTORABLE',
  // Deployment and configuration faults: the stage halts instead of dead-lettering valid records.
  'REGISTRY_UNAUTHORIZED',
  'SCHEMA_NOT_REGISTERED',
  'TOPIC_MISSING',
  // A topic whose configuration breaks a guarantee (e.g. CreateTime where the consent watermark needs broker time).
  'TOPIC_MISCONFIGURED',
  'KAFKA_UNAUTHORIZED',
  // Kafka itself unreachable or failing from stage code (e.g. an admin call): wait, like any dependency.
  'KAFKA_UNAVAILABLE',
  // A bureau feedback file or rejection list that cannot be read or reconciled: refused whole, nothing imported.
  'FEEDBACK_FILE_INVALID',
  // The consent of a record being published was found invalid after its release-time re-check: the chunk is retried, and withheld.
  'CONSENT_INVALIDATED_DURING_RELEASE',
  // The sealed copy of a published record (kept for its Metro 2 DA) names a key its key ring no longer holds: a deployment fault.
  'SEALED_RECORD_KEY_UNKNOWN',
  // The sealed copy of a published record does not open (altered, truncated, or moved from another row).
  'SEALED_RECORD_UNREADABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What the stage runtime does when processing a message raises the error, by who is at fault:
 * - `dead-letter`: the message itself is at fault; send it to the DLQ at once.
 * - `retry`: maybe transient; retry with backoff a bounded number of times, then dead-letter.
 * - `wait`: a dependency (database, registry, Kafka) is unavailable; the message is not at fault, so
 *   it is retried with capped backoff until the dependency returns and is never dead-lettered.
 * - `halt`: the deployment or its configuration is at fault (credentials refused, a schema or topic
 *   missing, access denied); no message could succeed, so the partition stops consuming and the
 *   service reports not-ready until an operator fixes it. Never dead-lettered.
 */
export type ErrorDisposition = 'dead-letter' | 'retry' | 'wait' | 'halt';

/**
 * Base of all Furnish errors. Messages must never contain payload values (names, ids, amounts):
 * they reach logs, DLQ headers and operators. Name the field or rule, never its content.
 */
export class FurnishError extends Error {
  /** The ids of the declared rules the failed record breaks (bureau rules): metric labels, never data. */
  readonly ruleIds: readonly string[] = [];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly disposition: ErrorDisposition,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export const isFurnishError = (e: unknown): e is FurnishError => e instanceof FurnishError;

/** The message of an error that is safe to log: ours verbatim, others reduced to their class name. */
export function describeError(e: unknown): string {
  if (isFurnishError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return `unexpected ${e.name}`;
  return 'unexpected non-error value thrown';
}

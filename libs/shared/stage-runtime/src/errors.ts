import { FurnishError, describeError } from '@furnish/shared-util-errors';

/** Unexpected errors from stage code: the class name is kept, the message (which may quote data) is not. */
export class ProcessingFailedError extends FurnishError {
  constructor(cause: unknown) {
    super('PROCESSING_FAILED', `stage failed with unexpected ${cause instanceof Error ? cause.name : 'non-error value'}`, 'retry', { cause });
  }
}


/** The runner was asked to stop while a batch waited; the batch is abandoned uncommitted. */
export class StageStoppingError extends Error {
  constructor() {
    super('stage is stopping');
    this.name = 'StageStoppingError';
  }
}

/** An output of the record would not fit its topic's largest record batch (`max.message.bytes`). */
export class RecordTooLargeError extends FurnishError {
  constructor(
    readonly topic: string,
    readonly limitBytes: number,
  ) {
    super('RECORD_TOO_LARGE', `an output for ${topic} would exceed its max.message.bytes of ${limitBytes}`, 'dead-letter');
  }
}

/** A stage returned outcomes that break the Stage contract; a bug, reported as such. */
export class StageContractError extends FurnishError {
  constructor(message: string) {
    super('PROCESSING_FAILED', message, 'dead-letter');
  }
}

/**
 * A log-safe description of a failure. Kafka client errors name brokers, topics and protocol error
 * types, never record content, so their messages are kept; other foreign errors are reduced to
 * their class name by describeError.
 */
export function describeFailure(e: unknown): string {
  if (e instanceof Error && e.name.startsWith('KafkaJS')) return `${e.name}: ${e.message}`;
  return describeError(e);
}

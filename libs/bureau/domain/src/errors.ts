import { FurnishError } from '@furnish/shared-util-errors';
import { describeViolation, type Violation } from './violation';

const LISTED_IN_MESSAGE = 20;

/**
 * A record (or file) breaks its bureau's rules. Dead-lettered: retrying cannot fix the data. The
 * message lists rule ids and field paths only, never values; `violations` carries them all.
 */
export class RecordInvalidError extends FurnishError {
  override readonly ruleIds: readonly string[];

  constructor(
    readonly violations: readonly Violation[],
    subject = 'record',
  ) {
    const listed = violations.slice(0, LISTED_IN_MESSAGE).map(describeViolation).join('; ');
    const more = violations.length > LISTED_IN_MESSAGE ? `; and ${violations.length - LISTED_IN_MESSAGE} more` : '';
    super('RECORD_INVALID', `${subject} violates ${violations.length} bureau rule(s): ${listed}${more}`, 'dead-letter');
    this.ruleIds = [...new Set(violations.map((v) => v.ruleId))];
  }
}

/** Throws RecordInvalidError when there is any violation. */
export function assertNoViolations(violations: readonly Violation[], subject?: string): void {
  if (violations.length > 0) throw new RecordInvalidError(violations, subject);
}

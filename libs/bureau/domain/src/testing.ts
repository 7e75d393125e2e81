import { RecordInvalidError } from './errors';
import type { Violation } from './violation';

/** The violations a call throws as RecordInvalidError; fails the test when it throws nothing or something else. */
export function violationsThrownBy(call: () => unknown): readonly Violation[] {
  try {
    call();
  } catch (error) {
    if (error instanceof RecordInvalidError) return error.violations;
    throw error;
  }
  throw new Error('expected a RecordInvalidError, nothing was thrown');
}

/** Rule ids of the violations, sorted and unique: a compact thing to assert on. */
export const ruleIdsOf = (violations: readonly Violation[]): string[] => [...new Set(violations.map((v) => v.ruleId))].sort();

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * Compares text with a golden file byte for byte. `UPDATE_GOLDEN=1 npx jest …` rewrites the file
 * (review the diff before committing it); a missing golden file is an error otherwise.
 */
export function expectGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
  const golden = readFileSync(file);
  expect(Buffer.from(actual).equals(golden) ? '(identical)' : actual).toBe(Buffer.from(actual).equals(golden) ? '(identical)' : golden.toString());
}

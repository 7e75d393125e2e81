import { isRealIsoDate, isRealIsoTimestamp, digitCount } from './fixed-width.codecs';
import type { AlphanumericField, NumericField, ValueField } from './field-spec';
import { FIELD_VIOLATION_CODES as CODES, type FieldViolation } from './field-violation';
import type { FixedWidthLayout } from './fixed-width.layout';
import { joinPath } from './field-path';

export interface ValidateOptions {
  /** Prefix of every violation path, e.g. `base`. */
  readonly pathPrefix?: string;
  /** Paths already reported (by the reader), not checked again. */
  readonly skipPaths?: ReadonlySet<string>;
}

/**
 * Field-level checks of a record model against its layout: presence, type, length, charset, code
 * tables. Returns every violation; cross-field rules are the caller's (bureau) business.
 */
export function validateFixedWidth<T>(layout: FixedWidthLayout<T>, record: T, options: ValidateOptions = {}): FieldViolation[] {
  const prefix = options.pathPrefix ?? '';
  const violations: FieldViolation[] = [];
  for (const field of layout.fields) {
    if (field.type === 'filler') continue;
    const path = joinPath(prefix, field.name);
    if (options.skipPaths?.has(path)) continue;
    for (const [check, code] of fieldProblems(layout, field, record[field.name as keyof T])) {
      violations.push({ ruleId: `${layout.id}.${check}`, path, code });
    }
  }
  return violations;
}

type Problem = readonly [check: string, code: string];

function fieldProblems<T>(layout: FixedWidthLayout<T>, field: ValueField<T>, value: unknown): Problem[] {
  switch (field.type) {
    case 'alphanumeric':
      return alphanumericProblems(layout, field, value);
    case 'numeric':
      return numericProblems(field, value);
    case 'date':
      if (value === null) return field.presence === 'required' ? [['required', CODES.required]] : [];
      return typeof value === 'string' && isRealIsoDate(value) && value <= '9999-12-31' ? [] : [['date', CODES.invalidDate]];
    case 'timestamp':
      if (value === null) return field.presence === 'required' ? [['required', CODES.required]] : [];
      return typeof value === 'string' && isRealIsoTimestamp(value) ? [] : [['timestamp', CODES.invalidTimestamp]];
    case 'constant':
      return value === field.value ? [] : [['constant', CODES.wrongConstant]];
  }
}

function alphanumericProblems<T>(layout: FixedWidthLayout<T>, field: AlphanumericField<T>, value: unknown): Problem[] {
  if (typeof value !== 'string') return [['alphanumeric', CODES.invalidCharacter]];
  const problems: Problem[] = [];
  if (value.length > field.length) problems.push(['alphanumeric', CODES.tooLong]);
  if (!(field.charset ?? layout.charset).test(value)) {
    problems.push(['alphanumeric', /[^\x20-\x7e]/.test(value) ? CODES.nonAscii : CODES.invalidCharacter]);
  }
  if (value.trim() === '') {
    if (field.presence === 'required') problems.push(['required', CODES.required]);
    return problems;
  }
  if (field.codes && !field.codes.includes(value)) problems.push(['code-table', CODES.notInCodeTable]);
  if (field.pattern && !field.pattern.test(value)) problems.push(['alphanumeric', CODES.badPattern]);
  return problems;
}

function numericProblems<T>(field: NumericField<T>, value: unknown): Problem[] {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return [['numeric', CODES.notNumeric]];
  const problems: Problem[] = [];
  if (digitCount(value) > field.length) problems.push(['numeric', CODES.tooLong]);
  if (field.presence === 'required' && value === 0) problems.push(['required', CODES.required]);
  if (field.codes && !field.codes.includes(value)) problems.push(['code-table', CODES.notInCodeTable]);
  return problems;
}

import { decodeDate, decodeTimestamp, isAllZeros } from './fixed-width.codecs';
import type { LayoutField } from './field-spec';
import { FIELD_VIOLATION_CODES as CODES, type FieldViolation } from './field-violation';
import type { FixedWidthLayout } from './fixed-width.layout';
import { joinPath } from './field-path';
import { validateFixedWidth } from './fixed-width.validator';

export interface ReadResult<T> {
  /** The model; fields that could not be parsed hold a placeholder (NaN, null or the raw text). */
  readonly record: T;
  /** Structural and field-level violations, every one of them. */
  readonly violations: readonly FieldViolation[];
  /** Paths with a violation, so record rules reading them can be skipped rather than cascade. */
  readonly invalidPaths: ReadonlySet<string>;
}

/**
 * Parses one record by its layout and checks every field (structure first: length, digits, real
 * dates, blank fillers; then the same field checks validateFixedWidth makes on a model).
 */
export function readFixedWidth<T>(layout: FixedWidthLayout<T>, text: string, pathPrefix = ''): ReadResult<T> {
  const violations: FieldViolation[] = [];
  const report = (path: string, check: string, code: string): void => {
    violations.push({ ruleId: `${layout.id}.${check}`, path, code });
  };
  if (text.length !== layout.length) report(pathPrefix === '' ? '(record)' : pathPrefix, 'record-length', CODES.wrongRecordLength);
  const padded = text.padEnd(layout.length, ' ');
  const record: Record<string, unknown> = {};
  const structural = new Set<string>();
  for (const field of layout.fields) {
    const slice = padded.slice(field.start - 1, field.start - 1 + field.length);
    const parsed = parseField(field, slice);
    if (field.type === 'filler') {
      if (slice.trim() !== '') {
        report(joinPath(pathPrefix, field.label), 'filler', CODES.notBlank);
      }
      continue;
    }
    const path = joinPath(pathPrefix, field.name);
    record[field.name] = parsed.value;
    if (parsed.problem) {
      report(path, parsed.problem[0], parsed.problem[1]);
      structural.add(path);
    }
  }
  const model = record as T;
  violations.push(...validateFixedWidth(layout, model, { pathPrefix, skipPaths: structural }));
  return { record: model, violations, invalidPaths: new Set(violations.map((v) => v.path)) };
}

interface ParsedField {
  readonly value: unknown;
  readonly problem?: readonly [check: string, code: string];
}

function parseField<T>(field: LayoutField<T>, slice: string): ParsedField {
  switch (field.type) {
    case 'filler':
      return { value: undefined };
    case 'alphanumeric':
      return { value: field.keepTrailingBlanks ? slice : slice.trimEnd() };
    case 'constant':
      return { value: slice };
    case 'numeric':
      return /^\d+$/.test(slice) ? { value: Number(slice) } : { value: Number.NaN, problem: ['numeric', CODES.notNumeric] };
    case 'date': {
      if (isAllZeros(slice)) return { value: null };
      const date = decodeDate(slice, field.format);
      return date === undefined ? { value: null, problem: ['date', CODES.invalidDate] } : { value: date };
    }
    case 'timestamp': {
      if (isAllZeros(slice)) return { value: null };
      const timestamp = decodeTimestamp(slice);
      return timestamp === undefined ? { value: null, problem: ['timestamp', CODES.invalidTimestamp] } : { value: timestamp };
    }
  }
}

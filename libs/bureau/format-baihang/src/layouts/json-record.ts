import type { Violation } from '@furnish/bureau-domain';
import { isLocalDate } from '@furnish/shared-contracts';
import { keyOf, type JsonFieldSpec, type JsonFieldType, type JsonLayout } from './json-layout';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const AMOUNT = /^\d{1,15}\.\d{2}$/;

/** Writes the record as one JSON object, keys in layout order, absent values left out. */
export function writeJsonRecord<T>(layout: JsonLayout<T>, record: T): string {
  const object: Record<string, unknown> = {};
  for (const field of layout.fields) {
    const value = record[field.name];
    if (value !== undefined) object[keyOf(field)] = value;
  }
  return JSON.stringify(object);
}

export interface JsonReadResult<T> {
  readonly record: T | null;
  readonly violations: readonly Violation[];
  readonly invalidPaths: ReadonlySet<string>;
}

/** Parses one JSON record and checks every key: known, present when required, of its type and format. */
export function readJsonRecord<T>(layout: JsonLayout<T>, line: string, pathPrefix: string): JsonReadResult<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failed(layout, pathPrefix, 'malformed-json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return failed(layout, pathPrefix, 'not-an-object');
  const object = parsed as Record<string, unknown>;
  const violations: Violation[] = [];
  const known = new Set(layout.fields.map(keyOf));
  for (const key of Object.keys(object)) {
    if (!known.has(key)) violations.push({ ruleId: `${layout.id}.json`, path: `${pathPrefix}.${key}`, code: 'unknown-field' });
  }
  const record: Record<string, unknown> = {};
  for (const field of layout.fields) {
    const value = object[keyOf(field)];
    record[field.name] = value;
    violations.push(...fieldViolations(layout, field, value, pathPrefix));
  }
  return { record: record as T, violations, invalidPaths: new Set(violations.map((v) => v.path)) };
}

/** The same field checks on a model, before it is written. */
export function validateJsonFields<T>(layout: JsonLayout<T>, record: T, pathPrefix: string): Violation[] {
  return layout.fields.flatMap((field) => fieldViolations(layout, field, record[field.name], pathPrefix));
}

function fieldViolations<T>(layout: JsonLayout<T>, field: JsonFieldSpec<T>, value: unknown, pathPrefix: string): Violation[] {
  const path = `${pathPrefix}.${keyOf(field)}`;
  if (value === undefined || value === null) {
    return field.presence === 'required' ? [{ ruleId: `${layout.id}.field-presence`, path, code: 'required' }] : [];
  }
  const problem = typeProblem(field.type, value);
  return problem ? [{ ruleId: `${layout.id}.${problem[0]}`, path, code: problem[1] }] : [];
}

function typeProblem(type: JsonFieldType, value: unknown): readonly [check: string, code: string] | null {
  if (type.kind === 'code') return type.codes.includes(value as string | number) ? null : ['code-table', 'not-in-code-table'];
  if (type.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return ['data-type', 'not-an-integer'];
    return value < type.min || value > type.max ? ['data-type', 'out-of-range'] : null;
  }
  if (typeof value !== 'string') return ['data-type', 'not-a-string'];
  switch (type.kind) {
    case 'text':
      if (value === '') return type.allowEmpty ? null : ['field-presence', 'required'];
      if ([...value].length > type.max) return ['data-type', 'too-long'];
      return type.pattern && !type.pattern.test(value) ? ['data-type', 'bad-format'] : null;
    case 'timestamp':
      return TIMESTAMP.test(value) && isLocalDate(value.slice(0, 10)) && isRealTime(value.slice(11)) ? null : ['data-type', 'invalid-timestamp'];
    case 'date':
      return isLocalDate(value) ? null : ['data-type', 'invalid-date'];
    case 'date-list':
      return value.split(',').every(isLocalDate) ? null : ['data-type', 'invalid-date-list'];
    case 'amount':
      if (value.startsWith('-')) return ['data-type', 'negative'];
      return AMOUNT.test(value) ? null : ['data-type', 'invalid-amount'];
  }
}

function failed<T>(layout: JsonLayout<T>, pathPrefix: string, code: string): JsonReadResult<T> {
  return { record: null, violations: [{ ruleId: `${layout.id}.json`, path: pathPrefix, code }], invalidPaths: new Set([pathPrefix]) };
}

const isRealTime = (value: string): boolean => Number(value.slice(0, 2)) < 24 && Number(value.slice(3, 5)) < 60 && Number(value.slice(6, 8)) < 60;

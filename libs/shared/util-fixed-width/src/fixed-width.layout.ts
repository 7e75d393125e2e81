import { fieldLabel, type LayoutField } from './field-spec';

/** A record layout: an ordered field table that drives the writer, the reader and the validator. */
export interface FixedWidthLayout<T> {
  /** Prefix of rule ids for field checks, e.g. `metro2.base` gives `metro2.base.code-table`. */
  readonly id: string;
  readonly length: number;
  /** Default whole-value charset of alphanumeric fields. */
  readonly charset: RegExp;
  readonly fields: readonly LayoutField<T>[];
}

export function defineLayout<T>(layout: FixedWidthLayout<T>): FixedWidthLayout<T> {
  return Object.freeze({ ...layout, fields: Object.freeze([...layout.fields]) });
}

/**
 * What is wrong with a layout's geometry: fields must start at 1, follow one another with no gap
 * or overlap, and end exactly at the record length; field names must be unique.
 */
export function layoutGeometryProblems<T>(layout: FixedWidthLayout<T>): string[] {
  const problems: string[] = [];
  let expectedStart = 1;
  const seen = new Set<string>();
  for (const field of layout.fields) {
    const label = fieldLabel(field);
    if (seen.has(label)) problems.push(`${label} is declared twice`);
    seen.add(label);
    if (!Number.isInteger(field.length) || field.length < 1) problems.push(`${label} has length ${field.length}`);
    if (field.start !== expectedStart) problems.push(`${label} starts at ${field.start}, expected ${expectedStart}`);
    if (field.type === 'date' && field.length !== 8) problems.push(`${label} is a date of length ${field.length}`);
    if (field.type === 'timestamp' && field.length !== 14) problems.push(`${label} is a timestamp of length ${field.length}`);
    if (field.type === 'constant' && field.value.length !== field.length) problems.push(`${label} constant does not fill the field`);
    expectedStart = field.start + field.length;
  }
  if (expectedStart - 1 !== layout.length) problems.push(`fields end at ${expectedStart - 1}, record length is ${layout.length}`);
  return problems;
}

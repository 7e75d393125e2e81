/**
 * Field tables of a JSON record: the key order Furnish writes, each key's JSON type and format,
 * and whether it must be present. A sibling of the fixed-width engine for bureaus whose records are
 * JSON objects; the same table drives writer, reader and validator, and any key not in it is an
 * error (closed world: nothing unlisted can leave the lender).
 */
export type JsonFieldType =
  | { readonly kind: 'text'; readonly max: number; readonly pattern?: RegExp; readonly allowEmpty?: boolean }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'date' }
  | { readonly kind: 'date-list' }
  | { readonly kind: 'amount' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'code'; readonly codes: readonly (string | number)[] };

export interface JsonFieldSpec<T> {
  readonly name: keyof T & string;
  /** The JSON key, when it differs from the model's name. */
  readonly key?: string;
  readonly type: JsonFieldType;
  readonly presence: 'required' | 'optional';
}

export interface JsonLayout<T> {
  /** Rule-id prefix, e.g. `baihang.d2`. */
  readonly id: string;
  readonly fields: readonly JsonFieldSpec<T>[];
}

export const defineJsonLayout = <T>(layout: JsonLayout<T>): JsonLayout<T> => Object.freeze({ ...layout, fields: Object.freeze([...layout.fields]) });

export const keyOf = <T>(field: JsonFieldSpec<T>): string => field.key ?? field.name;

export const text = (max: number, options: { pattern?: RegExp; allowEmpty?: boolean } = {}): JsonFieldType => ({ kind: 'text', max, ...options });
export const TIMESTAMP: JsonFieldType = { kind: 'timestamp' };
export const DATE: JsonFieldType = { kind: 'date' };
export const DATE_LIST: JsonFieldType = { kind: 'date-list' };
/** A non-negative decimal string with exactly two decimals, e.g. "3000.00" (client practice [U]). */
export const AMOUNT: JsonFieldType = { kind: 'amount' };
export const integer = (min: number, max: number): JsonFieldType => ({ kind: 'integer', min, max });
export const code = (codes: readonly (string | number)[]): JsonFieldType => ({ kind: 'code', codes });

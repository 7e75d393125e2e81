/**
 * Field specifications of a fixed-width record layout. Positions are 1-based and inclusive, as in
 * bureau-formats.md and the bureaus' own documents: `start: 1, length: 4` covers characters 1-4.
 * How a value is filled, zero-filled or dated is a property of its field, never a branch on its name.
 */

/** `required`: must be non-blank / non-zero; `applicable`: conditional, checked by record rules; `optional`: may be empty. */
export type Presence = 'required' | 'applicable' | 'optional';

/** Keys of T whose values are assignable to V, so a numeric field can only name a number property. */
export type KeysOfType<T, V> = { [K in keyof T]-?: T[K] extends V ? K : never }[keyof T] & string;

interface FieldGeometry {
  readonly start: number;
  readonly length: number;
}

/** Left-justified, blank-filled text; parsed back without its trailing blanks (unless `keepTrailingBlanks`). */
export interface AlphanumericField<T> extends FieldGeometry {
  readonly type: 'alphanumeric';
  readonly name: KeysOfType<T, string>;
  readonly presence: Presence;
  /** The whole value must match; defaults to the layout's charset. */
  readonly charset?: RegExp;
  /** When the value is not blank it must be one of these. */
  readonly codes?: readonly string[];
  /** When the value is not blank it must match (e.g. exactly 24 characters). */
  readonly pattern?: RegExp;
  /** For fields whose blanks are data (a payment history profile): parse the slice verbatim. */
  readonly keepTrailingBlanks?: boolean;
}

/** A non-negative integer, right-justified and zero-filled. */
export interface NumericField<T> extends FieldGeometry {
  readonly type: 'numeric';
  readonly name: KeysOfType<T, number>;
  readonly presence: Presence;
  readonly codes?: readonly number[];
}

/** A calendar date held as 'YYYY-MM-DD' (null when empty) and written in `format`; all zeros when empty. */
export interface DateField<T> extends FieldGeometry {
  readonly type: 'date';
  readonly name: KeysOfType<T, string | null>;
  readonly presence: Presence;
  readonly format: 'MMDDYYYY' | 'YYYYMMDD';
}

/** A date and time held as 'YYYY-MM-DDTHH:mm:ss' (null when empty), written MMDDYYYYHHMMSS; all zeros when empty. */
export interface TimestampField<T> extends FieldGeometry {
  readonly type: 'timestamp';
  readonly name: KeysOfType<T, string | null>;
  readonly presence: Presence;
  readonly format: 'MMDDYYYYHHMMSS';
}

/** Fixed text such as a record identifier (`HEADER`); the model holds the same text. */
export interface ConstantField<T> extends FieldGeometry {
  readonly type: 'constant';
  readonly name: KeysOfType<T, string>;
  readonly value: string;
}

/** Reserved positions: always blank, not part of the model. */
export interface FillerField extends FieldGeometry {
  readonly type: 'filler';
  /** Used in violation paths, e.g. `reserved2`. */
  readonly label: string;
}

export type ValueField<T> = AlphanumericField<T> | NumericField<T> | DateField<T> | TimestampField<T> | ConstantField<T>;
export type LayoutField<T> = ValueField<T> | FillerField;

export const fieldLabel = <T>(field: LayoutField<T>): string => (field.type === 'filler' ? field.label : field.name);

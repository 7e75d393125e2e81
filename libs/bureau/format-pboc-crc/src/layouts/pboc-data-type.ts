import { isLocalDate } from '@furnish/shared-contracts';
import type { PbocAccountType } from '../code-tables';

/**
 * Data types of 210 elements in the rule file's notation (§2.5): `AN..n` letters and digits up to
 * n, `ANC..n` any text (Chinese allowed) up to n characters, `uInt..n` up to n digits, `Date`
 * YYYY-MM-DD and `Month` YYYY-MM within 1901-2099, code tables (per account type where they differ).
 */
export type PbocDataType =
  | { readonly kind: 'AN'; readonly max: number; readonly min?: number }
  | { readonly kind: 'ANC'; readonly max: number }
  | { readonly kind: 'uInt'; readonly max: number }
  | { readonly kind: 'Date' }
  | { readonly kind: 'Month' }
  | { readonly kind: 'code'; readonly codes: readonly string[] | Readonly<Partial<Record<PbocAccountType, readonly string[]>>> }
  | { readonly kind: 'pattern'; readonly pattern: RegExp };

export const an = (max: number, min?: number): PbocDataType => ({ kind: 'AN', max, ...(min === undefined ? {} : { min }) });
export const anc = (max: number): PbocDataType => ({ kind: 'ANC', max });
export const uInt = (max: number): PbocDataType => ({ kind: 'uInt', max });
export const DATE: PbocDataType = { kind: 'Date' };
export const MONTH: PbocDataType = { kind: 'Month' };
export const code = (codes: readonly string[] | Readonly<Partial<Record<PbocAccountType, readonly string[]>>>): PbocDataType => ({ kind: 'code', codes });
export const pattern = (regex: RegExp): PbocDataType => ({ kind: 'pattern', pattern: regex });

/** Money: uInt..15, whole units, no sign. */
export const AMOUNT = uInt(15);
/** Counts of periods: uInt..3. */
export const PERIODS = uInt(3);

const MIN_DATE = '1901-01-01';
const MAX_DATE = '2099-12-31';

/** The reason a value breaks its type, or null. Code tables keyed by account type need it. */
export function dataTypeProblem(type: PbocDataType, value: string, accountType: PbocAccountType | undefined): { check: 'data-type' | 'code-table'; code: string } | null {
  const fail = (code: string) => ({ check: 'data-type' as const, code });
  switch (type.kind) {
    case 'AN':
      if (!/^[0-9A-Za-z]*$/.test(value)) return fail('bad-format');
      if (value.length > type.max) return fail('too-long');
      return type.min !== undefined && value.length < type.min ? fail('too-short') : null;
    case 'ANC':
      if (/\p{Cc}/u.test(value)) return fail('bad-format');
      return [...value].length > type.max ? fail('too-long') : null;
    case 'uInt':
      if (/^-\d+$/.test(value)) return fail('negative');
      if (!/^\d+$/.test(value)) return fail('bad-format');
      return value.length > type.max ? fail('too-long') : null;
    case 'Date':
      if (!isLocalDate(value)) return fail('invalid-date');
      return value < MIN_DATE || value > MAX_DATE ? fail('out-of-range') : null;
    case 'Month':
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return fail('invalid-month');
      return value < MIN_DATE.slice(0, 7) || value > MAX_DATE.slice(0, 7) ? fail('out-of-range') : null;
    case 'pattern':
      return type.pattern.test(value) ? null : fail('bad-format');
    case 'code': {
      const codes = Array.isArray(type.codes) ? (type.codes as readonly string[]) : accountType ? (type.codes as Partial<Record<PbocAccountType, readonly string[]>>)[accountType] : undefined;
      if (codes === undefined) return null;
      return codes.includes(value) ? null : { check: 'code-table', code: 'not-in-code-table' };
    }
  }
}

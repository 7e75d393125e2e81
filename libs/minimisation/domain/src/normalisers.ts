import { isValidPrcResidentId } from '@furnish/shared-contracts';
import type { MinimiserInput } from './minimiser-input';

/**
 * How a released string field is put into the form its bureau expects, declared by name in a
 * policy. Each normaliser is total: it returns the value, `absent` (nothing to send), or
 * `malformed` with a fixed description of the expected form — never the value itself.
 */
export type Normaliser =
  /** Trim, and collapse runs of white space (including U+3000) to one space. Blank → absent. */
  | { readonly kind: 'trim' }
  /** An identity document number, by `borrower.idType`: see `identityNumber`. */
  | { readonly kind: 'identity-number' }
  /** A PRC resident id number only (any other document type is malformed for the bureau). */
  | { readonly kind: 'prc-resident-id' }
  /** A US social security number only; the number of any other document is withheld (absent). */
  | { readonly kind: 'us-ssn' }
  /** A phone number in E.164 (`+` and digits); a national number gets the default country code. */
  | { readonly kind: 'phone'; readonly defaultCountryCode: CountryCallingCode; readonly only?: 'mainland-mobile' }
  /** A code: trimmed, upper-cased, then it must match `pattern`, described by `expected`. */
  | { readonly kind: 'code'; readonly pattern: RegExp; readonly expected: string };

export type NormaliserKind = Normaliser['kind'];

export type Normalised =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'malformed'; readonly expected: string };

/** Country calling codes the policies use, with the national trunk prefix dropped before it. */
const TRUNK_PREFIX = { '86': '0', '1': '1' } as const;
export type CountryCallingCode = keyof typeof TRUNK_PREFIX;

const ABSENT: Normalised = { kind: 'absent' };
const value = (v: string): Normalised => ({ kind: 'value', value: v });
const malformed = (expected: string): Normalised => ({ kind: 'malformed', expected });

const E164 = /^\+[1-9]\d{7,14}$/;
const MAINLAND_MOBILE = /^\+861\d{10}$/;
const SSN = /^\d{9}$/;

/** Input fields a normaliser reads besides the field it normalises: the minimiser must decode them too. */
export const NORMALISER_READS: Readonly<Record<Normaliser['kind'], readonly string[]>> = {
  trim: [],
  'identity-number': ['borrower.idType'],
  'prc-resident-id': ['borrower.idType'],
  'us-ssn': ['borrower.idType'],
  phone: [],
  code: [],
};

export function normalise(normaliser: Normaliser, raw: string, input: MinimiserInput): Normalised {
  switch (normaliser.kind) {
    case 'trim':
      return trim(raw);
    case 'identity-number':
      return identityNumber(raw, input);
    case 'prc-resident-id':
      return input.borrower.idType === 'PRC_RESIDENT_ID' ? prcResidentId(raw) : malformed('a PRC resident id number; borrower.idType is not PRC_RESIDENT_ID');
    case 'us-ssn':
      return input.borrower.idType === 'US_SSN' ? usSsn(raw) : ABSENT;
    case 'phone':
      return phone(raw, normaliser.defaultCountryCode, normaliser.only);
    case 'code': {
      const code = raw.trim().toUpperCase();
      if (code === '') return ABSENT;
      return normaliser.pattern.test(code) ? value(code) : malformed(normaliser.expected);
    }
  }
}

function trim(raw: string): Normalised {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  return trimmed === '' ? ABSENT : value(trimmed);
}

/** PRC resident id → `prcResidentId`; US SSN → `usSsn`; other documents: white space removed, upper case. */
function identityNumber(raw: string, input: MinimiserInput): Normalised {
  switch (input.borrower.idType) {
    case 'PRC_RESIDENT_ID':
      return prcResidentId(raw);
    case 'US_SSN':
      return usSsn(raw);
    default: {
      const compact = raw.replace(/\s+/g, '').toUpperCase();
      return compact === '' ? ABSENT : value(compact);
    }
  }
}

/** Separators removed, upper-case check character X, GB 11643 check digit and birth date valid. */
function prcResidentId(raw: string): Normalised {
  const compact = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (compact === '') return ABSENT;
  return isValidPrcResidentId(compact) ? value(compact) : malformed('an 18-character PRC resident id number with a valid GB 11643 check character');
}

/** Separators removed; nine digits, not all 0 or all 9 (Metro 2 counts no such SSN). */
function usSsn(raw: string): Normalised {
  const digits = raw.replace(/[\s-]+/g, '');
  if (digits === '') return ABSENT;
  return SSN.test(digits) && !/^(0{9}|9{9})$/.test(digits) ? value(digits) : malformed('a 9-digit social security number, not all 0 or all 9');
}

/**
 * E.164: spaces, hyphens, dots and parentheses removed; a `00` international prefix becomes `+`;
 * a national number loses its trunk prefix (0 in China, 1 in the NANP) and gets the default
 * country code. The result is `+` and 8-15 digits.
 */
function phone(raw: string, defaultCountryCode: CountryCallingCode, only: 'mainland-mobile' | undefined): Normalised {
  const compact = raw.replace(/[\s\-().]+/g, '');
  if (compact === '') return ABSENT;
  let e164: string;
  if (compact.startsWith('+')) e164 = compact;
  else if (compact.startsWith('00')) e164 = `+${compact.slice(2)}`;
  else {
    const trunk = TRUNK_PREFIX[defaultCountryCode];
    e164 = `+${defaultCountryCode}${compact.startsWith(trunk) ? compact.slice(trunk.length) : compact}`;
  }
  if (!E164.test(e164)) return malformed('a phone number in E.164 form');
  if (only === 'mainland-mobile' && !MAINLAND_MOBILE.test(e164)) return malformed('a mainland China mobile number (+86 and 11 digits starting with 1)');
  return value(e164);
}

/** One line for the review table. */
export function describeNormaliser(normaliser: Normaliser): string {
  switch (normaliser.kind) {
    case 'trim':
      return 'trimmed, inner white space collapsed; blank = missing';
    case 'identity-number':
      return 'by id type: PRC resident id without separators, upper-case X, GB 11643 check; US SSN 9 digits; other documents without white space, upper case';
    case 'prc-resident-id':
      return 'PRC resident id only: separators removed, upper-case X, GB 11643 check character and birth date verified';
    case 'us-ssn':
      return 'US SSN only: separators removed, 9 digits, not all 0 or 9; for any other id type the number is withheld (sent empty)';
    case 'phone':
      return `E.164 (+ and digits only; separators removed; 00 → +; national numbers get +${normaliser.defaultCountryCode} after dropping the trunk prefix ${TRUNK_PREFIX[normaliser.defaultCountryCode]})${
        normaliser.only === 'mainland-mobile' ? '; must be a mainland mobile, +86 1xxxxxxxxxx' : ''
      }`;
    case 'code':
      return `trimmed, upper case; must be ${normaliser.expected}`;
  }
}

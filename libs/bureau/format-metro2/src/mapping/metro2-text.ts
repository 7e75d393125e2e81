/**
 * Turns free text into Metro 2 text: ASCII, upper case, single blanks. Letters with diacritics
 * lose them (É → E) and a few letters without a decomposition are spelled out (ß → SS); anything
 * still outside ASCII (Chinese characters, for example) is not guessed at but reported, because
 * transliterating a name into a different-looking name would misreport the consumer.
 */

const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'SS', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE', Ø: 'O', ø: 'O', Ł: 'L', ł: 'L', Đ: 'D', đ: 'D', Þ: 'TH', þ: 'TH', ı: 'I',
};

/** Characters dropped from names (the hyphen is the only special character a name may keep). */
const DROPPED_FROM_NAMES = /['’.,]/g;

export type Metro2TextProblem = 'non-ascii' | 'invalid-character';

export interface Metro2Text {
  readonly text: string;
  readonly problem?: Metro2TextProblem;
}

export function foldToAscii(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{ASCII}]/gu, (c) => SPELLED_OUT[c] ?? c)
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name: folded, apostrophes, periods and commas removed; letters, blanks and hyphens only. */
export function metro2Name(value: string): Metro2Text {
  return checked(foldToAscii(value).replace(DROPPED_FROM_NAMES, '').replace(/ +/g, ' ').trim(), /^[A-Z -]*$/);
}

/** An address line or city: folded; moov's alphanumeric set. */
export function metro2AddressText(value: string): Metro2Text {
  return checked(foldToAscii(value), /^[A-Z0-9 !"#$%&'()*+,\-./\\:;<>=?@[\]^_{}|~]*$/);
}

/** Free text cut to the field width at the last blank that fits (or hard, when there is none). */
export function fitToWidth(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width + 1).lastIndexOf(' ');
  return (cut > 0 ? text.slice(0, cut) : text.slice(0, width)).trimEnd();
}

function checked(text: string, allowed: RegExp): Metro2Text {
  if (allowed.test(text)) return { text };
  return { text, problem: /[^\p{ASCII}]/u.test(text) ? 'non-ascii' : 'invalid-character' };
}

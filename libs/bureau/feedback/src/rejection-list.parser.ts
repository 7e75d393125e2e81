import type { Bureau } from '@furnish/shared-contracts';
import { FeedbackFileError } from './errors';
import type { FeedbackItem, ParsedFeedbackFile } from './feedback.model';
import { feedbackLines, isCalendarDay, sha256Hex } from './feedback-text';

/**
 * A Metro 2 or Baihang rejection list, in the CSV form Furnish documents (docs/formats/feedback.md;
 * neither bureau's own return format is in bureau-formats.md):
 *
 *   bureau,reference,code[,message]
 *   baihang,<reqID>,<code>[,<message>]
 *   metro2,<ConsumerAccountNumber>/<DateAccountInformation MMDDYYYY>,<Base field name>[,<message>]
 *
 * One bureau per file; one row per (record, code); a record listed on several rows collects their
 * codes. The message is free text from the bureau and may quote the refused value, so it is read
 * past and never stored. A list holds rejections only: records it does not name keep their state.
 */
export const REJECTION_LIST_HEADERS = ['bureau,reference,code', 'bureau,reference,code,message'] as const;

export const REJECTION_LIST_BUREAUS = ['baihang', 'metro2'] as const satisfies readonly Bureau[];
type ListBureau = (typeof REJECTION_LIST_BUREAUS)[number];

interface ReferenceForm {
  /** Checks the reference and returns it in the canonical form, or null. */
  readonly read: (value: string) => string | null;
  readonly rule: string;
  readonly code: RegExp;
}

const METRO2_REFERENCE = /^([\x21-\x2B\x2D-\x2E\x30-\x7E]{1,30})\/(\d{2})(\d{2})(\d{4})$/;

export const REJECTION_LIST_FORMS: Readonly<Record<ListBureau, ReferenceForm>> = {
  baihang: {
    read: (v) => (/^[0-9A-Za-z]{1,40}$/.test(v) ? v : null),
    rule: 'a reqID, 1-40 letters and digits (§5.3.2)',
    code: /^[0-9A-Za-z_-]{1,32}$/,
  },
  metro2: {
    read: (v) => {
      const m = METRO2_REFERENCE.exec(v);
      return m && isCalendarDay(Number(m[4]), Number(m[2]), Number(m[3])) ? metro2Reference(m[1], `${m[2]}${m[3]}${m[4]}`) : null;
    },
    rule: '<ConsumerAccountNumber>/<DateAccountInformation MMDDYYYY> (§1.5), the account number without commas or slashes',
    code: /^[A-Za-z0-9]{1,40}$/,
  },
};

const isListBureau = (value: string): value is ListBureau => (REJECTION_LIST_BUREAUS as readonly string[]).includes(value);

/** Parses a whole rejection list or throws FeedbackFileError naming the line; never a partial result. */
export function parseRejectionList(fileName: string, bytes: Uint8Array): ParsedFeedbackFile {
  const lines = feedbackLines(fileName, bytes);
  const header = lines[0].replace(/^\uFEFF/, '');
  if (!(REJECTION_LIST_HEADERS as readonly string[]).includes(header)) throw new FeedbackFileError(fileName, 1, `the first line must be ${REJECTION_LIST_HEADERS.join(' or ')}`);
  const withMessage = header.endsWith(',message');
  if (lines.length === 1) throw new FeedbackFileError(fileName, 0, 'no rejection listed');
  let bureau: ListBureau | undefined;
  const byReference = new Map<string, { line: number; codes: string[] }>();
  lines.slice(1).forEach((line, i) => {
    const lineNo = i + 2;
    const cells = line.split(',');
    if (cells.length < 3 || (!withMessage && cells.length > 3)) throw new FeedbackFileError(fileName, lineNo, `expected ${withMessage ? '3 or more' : '3'} comma-separated fields, found ${cells.length}`);
    const [rowBureau, rawReference, code] = cells;
    if (!isListBureau(rowBureau)) throw new FeedbackFileError(fileName, lineNo, `bureau must be one of ${REJECTION_LIST_BUREAUS.join(', ')} (PBOC answers with its own feedback file)`);
    if (bureau !== undefined && rowBureau !== bureau) throw new FeedbackFileError(fileName, lineNo, `another bureau than line 2: one bureau per list`);
    bureau = rowBureau;
    const form = REJECTION_LIST_FORMS[rowBureau];
    const reference = form.read(rawReference);
    if (reference === null) throw new FeedbackFileError(fileName, lineNo, `reference is not ${form.rule}`);
    if (!form.code.test(code)) throw new FeedbackFileError(fileName, lineNo, `code is not ${form.code.source}`);
    const entry = byReference.get(reference) ?? { line: lineNo, codes: [] };
    if (!entry.codes.includes(code)) entry.codes.push(code);
    byReference.set(reference, entry);
  });
  const items: FeedbackItem[] = [...byReference].map(([reference, { line, codes }]) => ({ line, reference, codes }));
  return { bureau: bureau!, form: 'rejection-list', fileName, digest: sha256Hex(bytes), items };
}

/** A Metro 2 record's reference: ConsumerAccountNumber (blank padding trimmed) and DateAccountInformation. */
export const metro2Reference = (accountNumber: string, dateAccountInformation: string): string => `${accountNumber.trim()}@${dateAccountInformation}`;

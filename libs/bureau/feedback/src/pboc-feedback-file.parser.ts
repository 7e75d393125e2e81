import { PBOC_HEADER_PATTERN } from '@furnish/bureau-format-pboc-crc';
import { FeedbackFileError } from './errors';
import type { FeedbackItem, ParsedFeedbackFile } from './feedback.model';
import { feedbackLines, isCalendarDay, sha256Hex } from './feedback-text';

/**
 * The PBOC CRC feedback file in the form Furnish reads (docs/formats/feedback.md). bureau-formats.md
 * gives the submission name (§2.2: position 30 is the feedback flag, `0` for submissions) and the
 * header (§2.2), not the feedback body, which is [U]. Furnish's reading:
 * - name: the submission's 29 first characters, feedback flag `1`, `.txt`;
 * - line 1: a header in the submission header's layout, the count being the number of body lines;
 * - each body line: one record the CRC answers on, `AcctCode|RptDate|codes`, codes comma-separated,
 *   none when the record was accepted.
 * The body layout is data (PBOC_FEEDBACK_LINE): when the CRC spec is read, it changes here only.
 */
export const PBOC_FEEDBACK_FILE_NAME = /^([0-9A-Z]{14})(\d{8})(210)0(\d{3})1\.txt$/;

export const PBOC_FEEDBACK_SEPARATOR = '|';

export const PBOC_FEEDBACK_LINE = [
  { name: 'acctCode', pattern: /^[0-9A-Za-z]{1,60}$/, rule: 'AcctCode, AN..60 (§2.5)' },
  { name: 'rptDate', pattern: /^\d{4}-\d{2}-\d{2}$/, rule: 'RptDate, YYYY-MM-DD (§2.5)' },
  { name: 'codes', pattern: /^(?:[0-9A-Z]{6,8}(?:,[0-9A-Z]{6,8})*)?$/, rule: 'error codes, 6-8 upper-case letters or digits, comma-separated (§2.8)' },
] as const;

type LineField = (typeof PBOC_FEEDBACK_LINE)[number]['name'];

/** The submission file a feedback file answers: the same name with feedback flag 0. */
export const answeredSubmission = (feedbackName: string): string => `${feedbackName.slice(0, 29)}0${feedbackName.slice(30)}`;

/** Parses a whole PBOC feedback file or throws FeedbackFileError naming the line; never a partial result. */
export function parsePbocFeedbackFile(fileName: string, bytes: Uint8Array): ParsedFeedbackFile {
  const name = PBOC_FEEDBACK_FILE_NAME.exec(fileName);
  if (!name) throw new FeedbackFileError(fileName, 0, 'not a PBOC 210 feedback file name (<14-char institution><YYYYMMDD>2100<serial>1.txt)');
  const [, institution, day] = name;
  if (!isCalendarDay(Number(day.slice(0, 4)), Number(day.slice(4, 6)), Number(day.slice(6, 8)))) throw new FeedbackFileError(fileName, 0, 'the date in the file name is not a calendar day');
  const lines = feedbackLines(fileName, bytes);
  const header = PBOC_HEADER_PATTERN.exec(lines[0]);
  if (!header) throw new FeedbackFileError(fileName, 1, 'not a 50-character PBOC header (A050210<version>  <institution><YYYYMMDDHHMMSS>0<count>)');
  const [, , , headerInstitution, , count] = header;
  if (headerInstitution !== institution) throw new FeedbackFileError(fileName, 1, 'the header names another institution than the file name');
  const body = lines.slice(1);
  if (Number(count) !== body.length) throw new FeedbackFileError(fileName, 1, `the header counts ${Number(count)} record(s), the file has ${body.length}`);
  const seen = new Map<string, number>();
  const items = body.map((line, i): FeedbackItem => {
    const lineNo = i + 2;
    const values = line.split(PBOC_FEEDBACK_SEPARATOR);
    if (values.length !== PBOC_FEEDBACK_LINE.length) throw new FeedbackFileError(fileName, lineNo, `expected ${PBOC_FEEDBACK_LINE.length} fields separated by ${PBOC_FEEDBACK_SEPARATOR}, found ${values.length}`);
    const field = {} as Record<LineField, string>;
    PBOC_FEEDBACK_LINE.forEach((spec, f) => {
      if (!spec.pattern.test(values[f])) throw new FeedbackFileError(fileName, lineNo, `field ${f + 1} is not ${spec.rule}`);
      field[spec.name] = values[f];
    });
    const [y, m, d] = field.rptDate.split('-').map(Number);
    if (!isCalendarDay(y, m, d)) throw new FeedbackFileError(fileName, lineNo, 'RptDate is not a calendar day in 1901..2099');
    if (!field.acctCode.startsWith(institution)) throw new FeedbackFileError(fileName, lineNo, 'AcctCode does not belong to the institution of the file (ABE002)');
    const reference = pbocReference(field.acctCode, field.rptDate);
    const earlier = seen.get(field.acctCode);
    if (earlier !== undefined) throw new FeedbackFileError(fileName, lineNo, `the same AcctCode as line ${earlier} (one record per account per file, ABR002)`);
    seen.set(field.acctCode, lineNo);
    return { line: lineNo, reference, codes: [...new Set(field.codes === '' ? [] : field.codes.split(','))] };
  });
  return { bureau: 'pboc-crc', form: 'pboc-crc-feedback', fileName, digest: sha256Hex(bytes), answers: answeredSubmission(fileName), items };
}

/** A PBOC record's reference: its AcctCode and RptDate. */
export const pbocReference = (acctCode: string, rptDate: string): string => `${acctCode}@${rptDate}`;

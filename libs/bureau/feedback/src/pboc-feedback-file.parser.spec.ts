import fc from 'fast-check';
import { FeedbackFileError } from './errors';
import { answeredSubmission, parsePbocFeedbackFile } from './pboc-feedback-file.parser';

// Built by hand from bureau-formats.md §2.2 (name and 50-character header; the feedback flag is
// position 30) and Furnish's documented body form (docs/formats/feedback.md): AcctCode|RptDate|codes.
const INSTITUTION = 'N101W1100H0017'; // the §5.2 sample code
// 14 institution + 8 date + 210 + reserved 0 + serial 001 + feedback flag 1 = 30, + .txt = 34
const NAME = 'N101W1100H00172024070121000011.txt';
// A + 050 + 210 + 2.0.0 + 2 spaces + institution + YYYYMMDDHHMMSS + 0 + 7-digit count = 50
const header = (count: number) => `A0502102.0.0  ${INSTITUTION}202407010930000${String(count).padStart(7, '0')}`;
const file = (...lines: string[]) => Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8');

const failure = (name: string, bytes: Uint8Array): { line: number; message: string } => {
  try {
    parsePbocFeedbackFile(name, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedbackFileError);
    return { line: (error as FeedbackFileError).line, message: (error as Error).message };
  }
  throw new Error('expected the file to be refused');
};

describe('parsePbocFeedbackFile', () => {
  it('reads the name, the header and one item per record: codes for a rejection, none for an acceptance', () => {
    expect(header(2)).toHaveLength(50);
    expect(NAME).toHaveLength(34);
    const parsed = parsePbocFeedbackFile(NAME, file(header(2), `${INSTITUTION}ACC1|2024-06-30|BLE015,ABE007`, `${INSTITUTION}ACC2|2024-06-30|`));
    expect(parsed).toMatchObject({
      bureau: 'pboc-crc',
      form: 'pboc-crc-feedback',
      answers: 'N101W1100H00172024070121000010.txt',
      items: [
        { line: 2, reference: `${INSTITUTION}ACC1@2024-06-30`, codes: ['BLE015', 'ABE007'] },
        { line: 3, reference: `${INSTITUTION}ACC2@2024-06-30`, codes: [] },
      ],
    });
    expect(parsed.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the submission it answers: the same name with feedback flag 0', () => {
    expect(answeredSubmission(NAME)).toBe('N101W1100H00172024070121000010.txt');
  });

  it.each([
    ['a submission name (feedback flag 0)', 'N101W1100H00172024070121000010.txt', file(header(0)), 0],
    ['a date that is no calendar day', 'N101W1100H00172024023121000011.txt', file(header(0)), 0],
    ['a header of 49 characters', NAME, file(header(0).slice(1)), 1],
    ['a header of another institution', NAME, file(header(0).replace(INSTITUTION, 'N101W1100H0018')), 1],
    ['a count that differs from the body', NAME, file(header(2), `${INSTITUTION}A|2024-06-30|`), 1],
    ['two fields', NAME, file(header(1), `${INSTITUTION}A|2024-06-30`), 2],
    ['a lower-case code', NAME, file(header(1), `${INSTITUTION}A|2024-06-30|ble015`), 2],
    ['an AcctCode of 61 characters', NAME, file(header(1), `${INSTITUTION}${'A'.repeat(47)}|2024-06-30|`), 2],
    ['31 June', NAME, file(header(1), `${INSTITUTION}A|2024-06-31|`), 2],
    ['an AcctCode of another institution (ABE002)', NAME, file(header(1), `N101W1100H0018A|2024-06-30|`), 2],
    ['one account twice (ABR002)', NAME, file(header(2), `${INSTITUTION}A|2024-06-30|`, `${INSTITUTION}A|2024-05-31|`), 3],
    ['an empty line', NAME, file(header(1), '', `${INSTITUTION}A|2024-06-30|`), 2],
    ['bytes that are not UTF-8', NAME, Buffer.concat([file(header(1)), Buffer.from([0xff, 0xfe, 0x0d, 0x0a])]), 0],
    ['an empty file', NAME, Buffer.alloc(0), 0],
  ])('refuses %s, naming the line', (_, name, bytes, line) => {
    expect(failure(name, bytes).line).toBe(line);
  });

  it('never puts a line’s content in its message', () => {
    const { message } = failure(NAME, file(header(1), `${INSTITUTION}SECRET42|2024-06-31|`));
    expect(message).not.toContain('SECRET42');
  });

  it('refuses any hostile body with a FeedbackFileError, never another exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        try {
          parsePbocFeedbackFile(NAME, Buffer.concat([file(header(1)), body]));
        } catch (error) {
          if (!(error instanceof FeedbackFileError)) throw error;
        }
      }),
    );
  });

  it('reads back every well-formed file it is given, item for item', () => {
    const line = fc.record({
      account: fc.stringMatching(/^[0-9A-Z]{1,20}$/),
      day: fc.integer({ min: 1, max: 28 }),
      codes: fc.uniqueArray(fc.stringMatching(/^[0-9A-Z]{6,8}$/), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(line, { selector: (l) => l.account, maxLength: 20 }), (lines) => {
        const body = lines.map((l) => `${INSTITUTION}${l.account}|2024-06-${String(l.day).padStart(2, '0')}|${l.codes.join(',')}`);
        const parsed = parsePbocFeedbackFile(NAME, file(header(lines.length), ...body));
        expect(parsed.items.map((i) => [i.reference, i.codes])).toEqual(lines.map((l) => [`${INSTITUTION}${l.account}@2024-06-${String(l.day).padStart(2, '0')}`, l.codes]));
      }),
    );
  });
});

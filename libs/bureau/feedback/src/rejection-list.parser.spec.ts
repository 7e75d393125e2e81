import fc from 'fast-check';
import { FeedbackFileError } from './errors';
import { parseFeedbackFile } from './feedback-file.parser';
import { parseRejectionList } from './rejection-list.parser';

const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');
const REQ_ID = '0123456789abcdef0123456789abcdef'; // a record id: 32 hex digits, a valid reqID (§5.3.2)

const lineOfFailure = (bytes: Uint8Array): number => {
  try {
    parseRejectionList('rejections.csv', bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedbackFileError);
    return (error as FeedbackFileError).line;
  }
  throw new Error('expected the list to be refused');
};

describe('parseRejectionList', () => {
  it('collects a record’s codes over its rows and drops the bureau’s message', () => {
    const parsed = parseRejectionList(
      'rejections.csv',
      csv('bureau,reference,code,message', `baihang,${REQ_ID},E01,pid 110101199003070011 invalid, see spec`, `baihang,${REQ_ID},E02,`, `baihang,${REQ_ID},E01,again`),
    );
    expect(parsed).toMatchObject({ bureau: 'baihang', form: 'rejection-list', items: [{ line: 2, reference: REQ_ID, codes: ['E01', 'E02'] }] });
    expect(JSON.stringify(parsed)).not.toContain('110101199003070011');
  });

  it('reads a Metro 2 reference as account number and DateAccountInformation (MMDDYYYY, §1.5)', () => {
    const parsed = parseRejectionList('m2.csv', csv('bureau,reference,code', 'metro2,ACC-0001/06302024,AccountStatus'));
    expect(parsed.items).toEqual([{ line: 2, reference: 'ACC-0001@06302024', codes: ['AccountStatus'] }]);
  });

  it.each([
    ['another header', csv('bureau;reference;code', 'metro2,A/06302024,X'), 1],
    ['no row', csv('bureau,reference,code'), 0],
    ['PBOC, which has its own file', csv('bureau,reference,code', `pboc-crc,${REQ_ID},BLE015`), 2],
    ['two bureaus', csv('bureau,reference,code', `baihang,${REQ_ID},E1`, 'metro2,A/06302024,X'), 3],
    ['a reqID of 41 characters', csv('bureau,reference,code', `baihang,${'a'.repeat(41)},E1`), 2],
    ['a Metro 2 date that is no day', csv('bureau,reference,code', 'metro2,A/02302024,X'), 2],
    ['a Metro 2 reference without a date', csv('bureau,reference,code', 'metro2,A,X'), 2],
    ['a message without its column', csv('bureau,reference,code', `baihang,${REQ_ID},E1,text`), 2],
    ['an empty code', csv('bureau,reference,code', `baihang,${REQ_ID},`), 2],
  ])('refuses %s, naming the line', (_, bytes, line) => {
    expect(lineOfFailure(bytes)).toBe(line);
  });

  it('refuses any hostile content with a FeedbackFileError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (body) => {
        try {
          parseRejectionList('x.csv', Buffer.from(`bureau,reference,code,message\n${body}`, 'utf8'));
        } catch (error) {
          if (!(error instanceof FeedbackFileError)) throw error;
        }
      }),
    );
  });
});

describe('parseFeedbackFile', () => {
  it('picks the form by the name and refuses a name of neither form', () => {
    expect(parseFeedbackFile('r.CSV', csv('bureau,reference,code', `baihang,${REQ_ID},E1`)).form).toBe('rejection-list');
    expect(() => parseFeedbackFile('feedback.txt', csv('x'))).toThrow(FeedbackFileError);
  });
});

import { RecordInvalidError } from '@furnish/bureau-domain';
import { validateBaseSegment } from '../base-segment.validator';
import { METRO2_DA_DELETION, PublishedRecordMissingError } from '../metro2-da.deletion';
import { parseBase } from './metro2-base.independent-parser';

/**
 * Metro 2's deletion, expected values from bureau-formats.md, not from the layout code:
 * AccountStatus is Base positions 124-125 and PaymentRating position 126 (§1.5); DA is an
 * AccountStatus (§1.8) and PaymentRating "must be blank" with any status outside
 * {05,13,65,88,89,94,95} (§1.8); DateAccountInformation (182-189, MMDDYYYY) is "a date within the
 * current reporting month; never historic" (§1.5), so the DA carries the day it is made. Every other
 * position is the published segment's.
 */

/** A Base segment typed by hand, field by field at its §1.5 positions (1-based, inclusive). */
function handWrittenBase(fields: Readonly<Record<string, string>>): string {
  const positions: readonly (readonly [name: string, from: number, to: number, filler: ' ' | '0'])[] = [
    ['rdw', 1, 4, '0'], ['processing', 5, 5, '0'], ['timeStamp', 6, 19, '0'], ['correction', 20, 20, '0'], ['identification', 21, 40, ' '],
    ['cycle', 41, 42, ' '], ['account', 43, 72, ' '], ['portfolio', 73, 73, ' '], ['accountType', 74, 75, ' '], ['opened', 76, 83, '0'],
    ['limit', 84, 92, '0'], ['highest', 93, 101, '0'], ['terms', 102, 104, ' '], ['frequency', 105, 105, ' '], ['scheduled', 106, 114, '0'],
    ['actual', 115, 123, '0'], ['status', 124, 125, ' '], ['rating', 126, 126, ' '], ['history', 127, 150, ' '], ['special', 151, 152, ' '],
    ['compliance', 153, 154, ' '], ['balance', 155, 163, '0'], ['pastDue', 164, 172, '0'], ['chargeOff', 173, 181, '0'], ['information', 182, 189, '0'],
    ['dofd', 190, 197, '0'], ['closed', 198, 205, '0'], ['lastPayment', 206, 213, '0'], ['interest', 214, 214, ' '], ['reserved2', 215, 231, ' '],
    ['surname', 232, 256, ' '], ['first', 257, 276, ' '], ['middle', 277, 296, ' '], ['generation', 297, 297, ' '], ['ssn', 298, 306, '0'],
    ['birth', 307, 314, '0'], ['phone', 315, 324, '0'], ['ecoa', 325, 325, ' '], ['cii', 326, 327, ' '], ['country', 328, 329, ' '],
    ['address1', 330, 361, ' '], ['address2', 362, 393, ' '], ['city', 394, 413, ' '], ['state', 414, 415, ' '], ['zip', 416, 424, ' '],
    ['addressIndicator', 425, 425, ' '], ['residence', 426, 426, ' '],
  ];
  const text = positions
    .map(([name, from, to, filler]) => {
      const width = to - from + 1;
      const value = fields[name] ?? '';
      return filler === '0' ? value.padStart(width, '0') : value.padEnd(width, ' ');
    })
    .join('');
  expect(text).toHaveLength(426);
  return text;
}

/** A revolving line closed and paid in May 2024 (status 13, rating 0), as it was published. */
const PAID_AND_CLOSED = handWrittenBase({
  rdw: '0426', processing: '1', timeStamp: '05312024235959', correction: '0', identification: 'FURNISH001', account: 'RL0000012345',
  portfolio: 'C', accountType: '15', opened: '01152022', limit: '5000', highest: '1234', terms: 'LOC', frequency: 'M', actual: '250',
  status: '13', rating: '0', history: '000000000000BBBBBBBBBBBB', information: '05312024', closed: '05312024', lastPayment: '05302024',
  surname: 'DOE', first: 'JANE', ssn: '123456789', birth: '07041980', ecoa: '1', address1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '627011234',
});

/** A charged-off instalment loan (status 97, charge-off amount, DOFD), as it was published in April 2024. */
const CHARGED_OFF = handWrittenBase({
  rdw: '0426', processing: '1', timeStamp: '04302024120000', correction: '0', identification: 'FURNISH001', account: 'IL0000067890',
  portfolio: 'I', accountType: '01', opened: '03012021', highest: '3000', terms: '36', frequency: 'M', scheduled: '100',
  status: '97', history: '654321000000000000000000', balance: '2400', pastDue: '2400', chargeOff: '2400', information: '04302024', dofd: '10012023',
  surname: 'ROE', first: 'RICHARD', ssn: '987654321', ecoa: '1', address1: '22 ELM ST', city: 'AUSTIN', state: 'TX', zip: '73301',
});

const AT = new Date('2024-06-12T10:00:00Z');
const key = (publishedRecord?: string) => ({ recordId: 'a'.repeat(32), recordKind: 'METRO2_BASE' as const, accountKey: 'RL0000012345', reportDate: '2024-05-31' as never, publishedRecord });

/** The published segment with positions 124-126 and 182-189 replaced by hand. */
const withDa = (published: string, information: string): string => published.slice(0, 123) + 'DA' + ' ' + published.slice(126, 181) + information + published.slice(189);

describe('Metro 2 DA (hand-derived)', () => {
  it('the hand-written originals are valid Base segments in their own month', () => {
    expect(validateBaseSegment(PAID_AND_CLOSED, { reportingMonth: '2024-05' })).toEqual([]);
    expect(validateBaseSegment(CHARGED_OFF, { reportingMonth: '2024-04' })).toEqual([]);
  });

  it.each([
    ['paid and closed (13, rating 0)', PAID_AND_CLOSED],
    ['charged off (97, charge-off amount)', CHARGED_OFF],
  ])('%s: differs from the published segment only at AccountStatus, PaymentRating and DateAccountInformation, and passes validation', (_, published) => {
    const da = METRO2_DA_DELETION.deletion(key(published), 'b'.repeat(32), AT);
    expect(da.payload).toBe(withDa(published, '06122024'));
    const fields = parseBase(da.payload);
    expect([fields.AccountStatus, fields.PaymentRating, fields.DateAccountInformation, fields.CorrectionIndicator]).toEqual(['DA', ' ', '06122024', '0']);
    const differing = [...da.payload].flatMap((c, i) => (c === published[i] ? [] : [i + 1]));
    expect(differing.every((position) => (position >= 124 && position <= 126) || (position >= 182 && position <= 189))).toBe(true);
    expect(validateBaseSegment(da.payload, { reportingMonth: '2024-06' })).toEqual([]);
    expect(da).toMatchObject({ recordKind: 'METRO2_DA', reportDate: '2024-06-12', accountKey: parseBase(published).ConsumerAccountNumber.trim() });
  });

  it('is the same bytes however often it is built on the same day (a retried chunk repeats it)', () => {
    const later = new Date('2024-06-12T23:59:59Z');
    expect(METRO2_DA_DELETION.deletion(key(PAID_AND_CLOSED), 'b'.repeat(32), later).payload).toBe(METRO2_DA_DELETION.deletion(key(PAID_AND_CLOSED), 'b'.repeat(32), AT).payload);
  });

  it('refuses to build without the published segment, or from one that is not a Base segment', () => {
    expect(() => METRO2_DA_DELETION.deletion(key(undefined), 'b'.repeat(32), AT)).toThrow(PublishedRecordMissingError);
    expect(() => METRO2_DA_DELETION.deletion(key(PAID_AND_CLOSED.slice(0, 425)), 'b'.repeat(32), AT)).toThrow(RecordInvalidError);
  });

  it('refuses a DA dated before the account was opened (a rule of every Base segment)', () => {
    expect(() => METRO2_DA_DELETION.deletion(key(PAID_AND_CLOSED), 'b'.repeat(32), new Date('2021-12-31T12:00:00Z'))).toThrow(/date-opened-not-after-information-date/);
  });
});

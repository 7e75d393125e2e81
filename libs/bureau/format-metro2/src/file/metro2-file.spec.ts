import Big from 'big.js';
import { readFixedWidth, writeFixedWidth } from '@furnish/shared-util-fixed-width';
import { toLocalDate } from '@furnish/shared-contracts';
import { HEADER_RECORD_LAYOUT } from '../layouts/header-record.layout';
import { TRAILER_RECORD_LAYOUT } from '../layouts/trailer-record.layout';
import { METRO2_FORMAT } from '../metro2.format';
import { aMetro2StatementRecord } from '../testing';
import { buildMetro2File, type Metro2Reporter } from './metro2-file.builder';
import { validateMetro2File } from './metro2-file.validator';

const reporter: Metro2Reporter = { reporterName: 'EXAMPLE LENDING INC', reporterAddress: '1 MARKET ST SAN FRANCISCO CA 94105', transUnionProgramIdentifier: '5555555555' };
const payload = (overrides?: Parameters<typeof aMetro2StatementRecord>[0]): string => METRO2_FORMAT.format(aMetro2StatementRecord(overrides))[0].payload;

const delinquent = payload({
  account: { accountId: 'RL0000099999', status: 'DELINQUENT', daysPastDue: 65, amountPastDue: new Big('300'), dateOfFirstDelinquency: toLocalDate('2024-03-27') },
  borrower: { idType: 'PASSPORT', idNumber: 'X1', phone: '+442071234567' },
});

describe('Metro 2 submission file', () => {
  const file = buildMetro2File({ reporter, createdAt: '2024-06-02T08:30:00', baseSegments: [payload(), delinquent] });

  it('is Header, Base records, Trailer, one per line', () => {
    expect(file.fileName).toBe('METRO220240602083000.txt');
    expect(file.recordCount).toBe(2);
    const lines = file.content.split('\n');
    expect(lines.map((l) => l.length)).toEqual([426, 426, 426, 426, 0]);
    expect(lines[0].slice(4, 10)).toBe('HEADER');
    expect(lines[3].slice(4, 11)).toBe('TRAILER');
  });

  it('passes the file validator', () => {
    expect(validateMetro2File(file.content)).toEqual([]);
  });

  it('recomputes every trailer counter', () => {
    const trailer = readFixedWidth(TRAILER_RECORD_LAYOUT, file.content.split('\n')[3]).record;
    expect(trailer).toMatchObject({
      totalBaseRecords: 2,
      blockCount: 4,
      totalStatusCode11: 1,
      totalStatusCode78: 1,
      totalSocialNumbersAllSegments: 1,
      totalSocialNumbersBaseSegments: 1,
      totalDatesBirthAllSegments: 2,
      totalDatesBirthBaseSegments: 2,
      totalTelephoneNumbersAllSegments: 1,
      totalEcoaCodeZ: 0,
    });
  });

  it('keeps only the latest record of an account', () => {
    const earlier = payload({ occurredAt: new Date('2024-05-10T10:00:00Z'), eventType: 'ACCOUNT_OPENED', statement: null });
    const built = buildMetro2File({ reporter, createdAt: '2024-06-02T08:30:00', baseSegments: [payload(), earlier] });
    expect(built.recordCount).toBe(1);
    expect(built.content.split('\n')[1].slice(181, 189)).toBe('05312024');
  });

  it('header and trailer round-trip through their layouts', () => {
    const [headerLine, , , trailerLine] = file.content.split('\n');
    const header = readFixedWidth(HEADER_RECORD_LAYOUT, headerLine);
    expect(header.violations).toEqual([]);
    expect(header.record).toMatchObject({ activityDate: '2024-05-31', dateCreated: '2024-06-02', reporterName: 'EXAMPLE LENDING INC' });
    expect(writeFixedWidth(HEADER_RECORD_LAYOUT, header.record)).toBe(headerLine);
    expect(writeFixedWidth(TRAILER_RECORD_LAYOUT, readFixedWidth(TRAILER_RECORD_LAYOUT, trailerLine).record)).toBe(trailerLine);
  });

  describe('validateMetro2File', () => {
    const lines = file.content.split('\n');
    const rebuild = (...records: string[]): string => records.map((r) => `${r}\n`).join('');

    it('reports a trailer counter that does not match the recomputation (§5.1 rule 16)', () => {
      const trailer = lines[3].slice(0, 11) + '000000003' + lines[3].slice(20);
      expect(validateMetro2File(rebuild(lines[0], lines[1], lines[2], trailer))).toEqual([
        { ruleId: 'metro2.trailer.recomputed', path: 'trailer.totalBaseRecords', code: 'mismatch' },
      ]);
    });

    it('requires one header first and one trailer last (§5.1 rule 3)', () => {
      const violations = validateMetro2File(rebuild(lines[1], lines[0], lines[2], lines[3]));
      expect(violations).toEqual(
        expect.arrayContaining([
          { ruleId: 'metro2.header.constant', path: 'header.recordIdentifier', code: 'wrong-constant' },
          { ruleId: 'metro2.file.structure', path: 'records[0]', code: 'misplaced-header' },
        ]),
      );
      expect(validateMetro2File('')).toEqual([{ ruleId: 'metro2.file.structure', path: '(file)', code: 'missing-header-or-trailer' }]);
    });

    it('validates every Base record in the file’s reporting month, with its index in the path', () => {
      const june = payload({ occurredAt: new Date('2024-06-01T10:00:00Z'), account: { accountId: 'RL0000055555' } });
      const violations = validateMetro2File(buildMetro2File({ reporter, createdAt: '2024-06-02T08:30:00', baseSegments: [payload(), june] }).content);
      expect(violations).toEqual([
        { ruleId: 'metro2.base.information-date-in-reporting-month', path: 'records[0].base.dateAccountInformation', code: 'outside-reporting-month' },
      ]);
    });

    it('reports two records for one account', () => {
      const violations = validateMetro2File(rebuild(lines[0], lines[1], lines[1], lines[3]));
      expect(violations).toContainEqual({ ruleId: 'metro2.file.one-record-per-account', path: 'records[1].base.consumerAccountNumber', code: 'duplicate-account' });
    });

    it('refuses variable-blocked files with a BDW', () => {
      expect(validateMetro2File(rebuild('0430' + lines[0], lines[3]))).toContainEqual(expect.objectContaining({ ruleId: 'metro2.file.block-descriptor' }));
    });
  });

  describe('a closing record in the month of a statement (issue 14)', () => {
    const statement = payload();
    const closure = payload({
      eventType: 'ACCOUNT_CLOSED',
      occurredAt: new Date('2024-05-31T20:00:00.000Z'),
      statement: null,
      account: { status: 'CLOSED', balance: new Big(0), amountPastDue: new Big(0), daysPastDue: 0, closedOn: toLocalDate('2024-05-31') },
    });
    // PaymentHistoryProfile: Base positions 127-150 (§1.5); AccountStatus 124-125.
    const profileOf = (line: string): string => line.slice(126, 150);

    it('the closing record alone knows no history (24 × B): that is what the file used to keep', () => {
      expect(profileOf(closure)).toBe('B'.repeat(24));
      expect(profileOf(statement)).not.toBe('B'.repeat(24));
    });

    it('keeps the closing record with the payment history of the month statement', () => {
      const closing = buildMetro2File({ reporter, createdAt: '2024-06-02T08:30:00', baseSegments: [statement, closure] });
      const [, base] = closing.content.split('\n');
      expect(closing.recordCount).toBe(1);
      expect(base.slice(123, 125)).toBe('13');
      expect(profileOf(base)).toBe(profileOf(statement));
      expect(validateMetro2File(closing.content)).toEqual([]);
    });
  });
});

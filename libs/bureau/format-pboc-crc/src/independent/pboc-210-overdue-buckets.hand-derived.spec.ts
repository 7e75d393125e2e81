import Big from 'big.js';
import { toLocalDate, type MinimisedPbocCrcRecord } from '@furnish/shared-contracts';
import { SIX_INSTALMENTS_BEHIND } from '@furnish/shared-contracts/testing';
import { principalBucketsByAge } from '../mapping/performance.mapper';
import { PBOC_CRC_FORMAT } from '../pboc-crc.format';
import { aPbocLoanOpenedRecord } from '../testing';
import { parse210 } from './pboc-210.independent-parser';

/**
 * Overdue principal by age (issue 14), hand-derived. bureau-formats.md §2.5 (H 月度表现信息段, D1/R1/R4):
 * OverdPrinc 当前逾期本金 and the principal still unpaid 31-60 / 61-90 / 91-180 / over 180 days after
 * it fell due (Oved31_60Princ, Oved61_90Princ, Oved91_180Princ, OvedPrinc180), whole yuan, uInt..15
 * (§5.2-8); §5.2-11: the buckets add up to at most OverdPrinc ≤ TotOverd.
 *
 * The account (SIX_INSTALMENTS_BEHIND): a D1 cash loan opened 2023-11-20, due on the 20th of every
 * month from 2023-12-20, six instalments unpaid at the statement of 2024-06-20 (RptDate, code 30;
 * 23:00 Beijing time). Ages on 2024-06-20, counted by hand (2024 is a leap year: Feb 20 → Mar 20 is 29 days):
 *   2023-12-20 (850.00): 31+31+29+31+30+31 = 183 days → over 180
 *   2024-01-20 (860.40): 152 → 91-180 · 2024-02-20 (870.30): 121 → 91-180 · 2024-03-20 (880.20): 92 → 91-180
 *   2024-04-20 (890.10): 61 → 61-90 · 2024-05-20 (900.00): 31 → 31-60
 * Σ principal = 850.00 + 860.40 + 870.30 + 880.20 + 890.10 + 900.00 = 5,251.00 = principalPastDue.
 */
function delinquentStatement(overdueInstalments: MinimisedPbocCrcRecord['account']['overdueInstalments']): MinimisedPbocCrcRecord {
  const { occurredAt, account, statement } = SIX_INSTALMENTS_BEHIND;
  return aPbocLoanOpenedRecord({
    eventType: 'STATEMENT_CLOSED',
    occurredAt,
    account: { ...account, overdueInstalments },
    statement: { ...aPbocLoanOpenedRecord().statement, ...statement },
  });
}

const monthlyOf = (record: MinimisedPbocCrcRecord): Record<string, string> => {
  const [formatted] = PBOC_CRC_FORMAT.format(record);
  return parse210(formatted.payload).elements.AcctMthlyBlgInfSgmt;
};

describe('PBOC 210 overdue principal by age, hand-derived from §2.5 and §5.2-11', () => {
  it('loan-event v2: each unpaid principal is in the bucket of its own age on RptDate', () => {
    const record = delinquentStatement(SIX_INSTALMENTS_BEHIND.unpaid.map(({ dueDate, principalUnpaid }) => ({ dueDate, principalUnpaid })));
    expect(monthlyOf(record)).toMatchObject({
      AcctStatus: '2', // §2.6: 2 逾期
      RpyStatus: '7', // §2.6: 7 = over 180 days (183 days past due)
      OverdPrd: '6', // periodsPastDue
      TotOverd: '5600', // amountPastDue in whole yuan
      OverdPrinc: '5251', // principalPastDue 5,251.00
      // Rounded through running totals, oldest bucket first: 850.00 → 850; 850.00 + 2,610.90 = 3,460.90 → 3,461 (3,461 − 850);
      // + 890.10 = 4,351.00 → 4,351 (− 3,461); + 900.00 = 5,251.00 → 5,251 (− 4,351). Σ = 5,251 ≤ OverdPrinc (§5.2-11).
      OvedPrinc180: '850', // 2023-12-20 (183 days)
      Oved91_180Princ: '2611', // 860.40 + 870.30 + 880.20 = 2,610.90
      Oved61_90Princ: '890', // 890.10
      Oved31_60Princ: '900', // 900.00
    });
  });

  it('loan-event v1 (no instalments): the documented estimate — equal shares one month (30 days) apart', () => {
    // 5,251 yuan over 6 periods: 875 each, remainder 1 to the oldest (876). Ages 183, 153, 123, 93, 63, 33 days
    // (daysPastDue − k × 30): over 180: 876; 91-180: 3 × 875 = 2,625; 61-90: 875; 31-60: 875.
    expect(monthlyOf(delinquentStatement(null))).toMatchObject({
      OverdPrinc: '5251',
      OvedPrinc180: '876',
      Oved91_180Princ: '2625',
      Oved61_90Princ: '875',
      Oved31_60Princ: '875',
    });
  });

  it('v2 with nothing unpaid listed: no principal in any bucket (the lender says no amount is that old)', () => {
    expect(monthlyOf(delinquentStatement([]))).toMatchObject({ OverdPrinc: '5251', OvedPrinc180: '0', Oved91_180Princ: '0', Oved61_90Princ: '0', Oved31_60Princ: '0' });
  });

  it('bucket edges by age in days (§2.5: 31-60, 61-90, 91-180, over 180; 1-30 days only in OverdPrinc)', () => {
    const reportDate = toLocalDate('2024-06-30');
    const aged = (days: number, yuan: string) => ({ dueDate: toLocalDate(new Date(Date.UTC(2024, 5, 30 - days)).toISOString().slice(0, 10)), principalUnpaid: new Big(yuan) });
    expect(
      principalBucketsByAge([aged(30, '1.00'), aged(31, '10.00'), aged(60, '20.00'), aged(61, '100.00'), aged(90, '200.00'), aged(91, '1000.00'), aged(180, '2000.00'), aged(181, '10000.00')], reportDate),
    ).toEqual({ Oved31_60Princ: '30', Oved61_90Princ: '300', Oved91_180Princ: '3000', OvedPrinc180: '10000' });
  });

  it('rounds half up through running totals, so the buckets never exceed the rounded whole', () => {
    // 0.50 in each of three buckets: exact total 1.50 → 2 yuan (half up); each bucket alone would also round up to 1, 3 in all.
    const reportDate = toLocalDate('2024-06-30');
    const due = (date: string) => ({ dueDate: toLocalDate(date), principalUnpaid: new Big('0.50') });
    expect(principalBucketsByAge([due('2023-12-01'), due('2024-03-01'), due('2024-04-15')], reportDate)).toEqual({
      OvedPrinc180: '1', // 2023-12-01: 183 + 29 = 212 days; running 0.50 → 1
      Oved91_180Princ: '0', // 2024-03-01: 92 + 29 = 121 days; running 1.00 → 1, 1 − 1
      Oved61_90Princ: '1', // 2024-04-15: 30 + 31 + 15 = 76 days; running 1.50 → 2, 2 − 1
      Oved31_60Princ: '0',
    });
  });
});

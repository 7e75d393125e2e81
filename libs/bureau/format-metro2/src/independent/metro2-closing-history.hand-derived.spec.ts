import { toLocalDate, type MinimisedMetro2Record } from '@furnish/shared-contracts';
import { LINE_CLOSED_WITHOUT_STATEMENT } from '@furnish/shared-contracts/testing';
import { buildMetro2File } from '../file/metro2-file.builder';
import { validateMetro2File } from '../file/metro2-file.validator';
import { METRO2_FORMAT } from '../metro2.format';
import { aMetro2StatementRecord } from '../testing';
import { parseBase } from './metro2-base.independent-parser';

/**
 * Issue 14: a closing record in a month without a statement keeps the account's history. The
 * account (a US line of credit opened 2023-12-05) is closed on 2024-06-12; the file of June holds no
 * other record of it. loan-event v2 gives the standing at each month end before June; the expected
 * profile is derived by hand from bureau-formats.md §1.5 (24 months, most recent first, byte 1 = the
 * previous reporting period, B = no history as right padding) and the PaymentStanding codes of the
 * event contract (CURRENT 0, PAST_DUE_30 1, ZERO_BALANCE E, NO_DATA D).
 */
const HISTORY = LINE_CLOSED_WITHOUT_STATEMENT.history;
// From HISTORY, closed 2024-06-12: byte 1 May 2024-05-31 CURRENT 0 (the month before June) · byte 2 April PAST_DUE_30 1 ·
// byte 3 March CURRENT 0 · byte 4 February: no entry, but inside the history → D (no data), not B (§5.1-12) ·
// byte 5 January CURRENT 0 · byte 6 December 2023, the opening month, ZERO_BALANCE E · bytes 7-24: before the account → B.
const EXPECTED_PROFILE = '010D0E' + 'B'.repeat(18);

const closing = (paymentHistory: MinimisedMetro2Record['account']['paymentHistory']): MinimisedMetro2Record =>
  aMetro2StatementRecord({
    eventType: 'ACCOUNT_CLOSED',
    occurredAt: LINE_CLOSED_WITHOUT_STATEMENT.occurredAt,
    statement: null,
    account: { ...LINE_CLOSED_WITHOUT_STATEMENT.account, paymentHistory },
  });

const reporter = { reporterName: 'EXAMPLE LENDING INC', reporterAddress: '1 MARKET ST SAN FRANCISCO CA 94105', transUnionProgramIdentifier: '5555555555' };

describe('Metro 2 closing record in a month without a statement, hand-derived from §1.5', () => {
  const [record] = METRO2_FORMAT.format(closing(HISTORY));
  const base = parseBase(record.payload);

  it('reports the account’s history from the event (loan-event v2)', () => {
    expect(base.PaymentHistoryProfile).toBe(EXPECTED_PROFILE);
    expect(base.AccountStatus).toBe('13'); // §1.8: 13 paid or closed, zero balance
    expect(base.PaymentRating).toBe('0'); // §5.1-11: required with 13; 0 = current (0 days past due)
    expect(base.DateAccountInformation).toBe('06122024'); // §1.5: the closure day, in the reporting month
    expect(base.DateClosed).toBe('06122024');
  });

  it('keeps it in the submission file, where it is the account’s only record, and the file passes the validator', () => {
    const file = buildMetro2File({ reporter, createdAt: '2024-07-01T08:00:00', baseSegments: [record.payload] });
    const [, kept] = file.content.split('\n');
    expect(parseBase(kept).PaymentHistoryProfile).toBe(EXPECTED_PROFILE);
    expect(validateMetro2File(file.content)).toEqual([]);
  });

  it('a loan-event v1 closure (no history on the event) still has 24 × B: the documented limit', () => {
    expect(parseBase(METRO2_FORMAT.format(closing(null))[0].payload).PaymentHistoryProfile).toBe('B'.repeat(24));
  });

  it('an entry for the report’s own month is not history yet (byte 1 is the previous month)', () => {
    const withJune = [{ monthEnd: toLocalDate('2024-06-30'), standing: 'PAST_DUE_60' as const }, ...HISTORY];
    expect(parseBase(METRO2_FORMAT.format(closing(withJune))[0].payload).PaymentHistoryProfile).toBe(EXPECTED_PROFILE);
  });
});

import type { LocalDate, MonthEndStanding, PaymentStanding } from '@furnish/shared-contracts';
import { METRO2_PAYMENT_HISTORY_CODES } from '../metro2.choices';

export const PAYMENT_HISTORY_LENGTH = 24;

/** Byte for a month before the account's first known month: no history (right padding, §1.5). */
const NO_HISTORY = 'B';
/** Byte for a month inside the known history the lender has no entry for: D, no data (schema NO_DATA). */
const NO_DATA = METRO2_PAYMENT_HISTORY_CODES.NO_DATA;

/**
 * The 24-month Payment History Profile: one character per previous month, most recent first
 * (byte 1 = the month before this report), right-padded with B (no history) when the account is
 * younger or the event carries no statement. Months beyond 24 are dropped. For a statement's
 * history (loan-event v1), a list of standings already in that order.
 */
export function paymentHistoryProfile(history: readonly PaymentStanding[] | undefined): string {
  return (history ?? [])
    .slice(0, PAYMENT_HISTORY_LENGTH)
    .map((standing) => METRO2_PAYMENT_HISTORY_CODES[standing])
    .join('')
    .padEnd(PAYMENT_HISTORY_LENGTH, NO_HISTORY);
}

/**
 * The profile from `account.paymentHistory` (loan-event v2), placed by month rather than by
 * position: byte k (1-24) is the standing at the end of the k-th calendar month before the month
 * of `reportDate` (the Date of Account Information; §1.5: byte 1 = the previous reporting period).
 * A month older than every entry is B (no history, right padding only, §5.1-12); a month inside
 * the history without an entry is D (no data). Entries for the report's own month or later are
 * not history yet and are ignored.
 */
export function paymentHistoryProfileByMonth(history: readonly MonthEndStanding[], reportDate: LocalDate): string {
  const byMonth = new Map(history.map((entry) => [monthIndexOf(entry.monthEnd), entry.standing]));
  const reportMonth = monthIndexOf(reportDate);
  const known = [...byMonth.keys()].filter((month) => month < reportMonth);
  const oldest = known.length > 0 ? Math.min(...known) : reportMonth;
  let profile = '';
  for (let k = 1; k <= PAYMENT_HISTORY_LENGTH; k++) {
    const month = reportMonth - k;
    const standing = byMonth.get(month);
    profile += standing !== undefined ? METRO2_PAYMENT_HISTORY_CODES[standing] : month < oldest ? NO_HISTORY : NO_DATA;
  }
  return profile;
}

/** Months since year 0 of a YYYY-MM-DD date. */
const monthIndexOf = (date: LocalDate): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

import type { PbocCrcAccount } from '@furnish/shared-contracts';
import { PBOC_ACCOUNT_STATUS, PBOC_FIVE_CATEGORY_BANDS, PBOC_OVERDUE_BUCKET_DAYS } from '../pboc-crc.choices';
import { wholeYuan } from './whole-yuan';

/** What the monthly (H) and non-monthly (J) segments say about overdue amounts. */
export interface Overdue {
  /** Overdue in whole yuan: days past due and an amount that is at least 1 yuan once rounded. */
  readonly overdue: boolean;
  readonly periods: string;
  readonly total: string;
  readonly principal: string;
  readonly buckets: { readonly Oved31_60Princ: string; readonly Oved61_90Princ: string; readonly Oved91_180Princ: string; readonly OvedPrinc180: string };
}

/**
 * Overdue amounts after the event. The minimised record has only the total overdue principal and
 * the age of the oldest unpaid amount, so all overdue principal goes to the age bucket of the
 * oldest unpaid amount (exact for one missed payment; an upper bound on age otherwise) [U]. An
 * untracked overdue principal (null) is reported as 0.
 */
export function overdueOf(account: PbocCrcAccount): Overdue {
  const total = wholeYuan(account.amountPastDue);
  const overdue = account.daysPastDue > 0 && total !== '0';
  const principal = overdue && account.principalPastDue ? wholeYuan(account.principalPastDue) : '0';
  const days = account.daysPastDue;
  const bucket = (min: number, max: number): string => (overdue && days >= min && days <= max ? principal : '0');
  return {
    overdue,
    periods: overdue ? String(account.periodsPastDue) : '0',
    total: overdue ? total : '0',
    principal,
    buckets: {
      Oved31_60Princ: bucket(31, 60),
      Oved61_90Princ: bucket(61, 90),
      Oved91_180Princ: bucket(91, 180),
      OvedPrinc180: bucket(181, Number.MAX_SAFE_INTEGER),
    },
  };
}

/** AcctStatus of H and J. */
export const accountStatusOf = (account: PbocCrcAccount): string => PBOC_ACCOUNT_STATUS[account.status];

/** 五级分类 from days past due; a charge-off is a loss. */
export function fiveCategoryOf(account: PbocCrcAccount): string {
  if (account.status === 'CHARGED_OFF') return '5';
  return PBOC_FIVE_CATEGORY_BANDS.find((band) => account.daysPastDue >= band.minDays)!.category;
}

/** The one-character RpyStatus: 1-7 by 30-day bucket of days past due. */
export const overdueBucketOf = (daysPastDue: number): string => String(Math.min(7, Math.ceil(daysPastDue / PBOC_OVERDUE_BUCKET_DAYS)));

/**
 * RpyStatus of H: C closed, B bad debt written off, 1-7 overdue, * when nothing is due this month
 * and nothing is owed before (new account, or nothing billed), N paid as agreed otherwise.
 */
export function repaymentStatusOf(account: PbocCrcAccount, overdue: Overdue, amountDue: string): string {
  if (account.status === 'CLOSED') return 'C';
  if (account.status === 'CHARGED_OFF') return 'B';
  if (overdue.overdue) return overdueBucketOf(account.daysPastDue);
  return amountDue === '0' ? '*' : 'N';
}

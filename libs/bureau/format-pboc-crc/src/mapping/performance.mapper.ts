import type { PbocCrcAccount } from '@furnish/shared-contracts';
import { PBOC_ACCOUNT_STATUS, PBOC_FIVE_CATEGORY_BANDS, PBOC_OVERDUE_BUCKET_DAYS, PBOC_PERIOD_DAYS, PBOC_PRINCIPAL_AGE_BUCKETS } from '../pboc-crc.choices';
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
 * Overdue amounts after the event. The event carries the total overdue principal, the number of
 * overdue periods and the age of the oldest (days past due), not the amount per period. Periods
 * fall due one repayment interval apart (`PBOC_PERIOD_DAYS`), so the k-th overdue period (0 =
 * oldest) is `daysPastDue − k × interval` days overdue, and the principal is split equally over
 * the periods (whole yuan; the remainder goes to the oldest). Each share lands in the bucket of its own
 * age; shares 1-30 days overdue are only in OverdPrinc. Without a fixed interval (single payment,
 * irregular) everything is in the oldest period's bucket [U]. An untracked overdue principal (null) is 0.
 */
export function overdueOf(account: PbocCrcAccount): Overdue {
  const total = wholeYuan(account.amountPastDue);
  const overdue = account.daysPastDue > 0 && total !== '0';
  const principal = overdue && account.principalPastDue ? wholeYuan(account.principalPastDue) : '0';
  const sums = { Oved31_60Princ: 0, Oved61_90Princ: 0, Oved91_180Princ: 0, OvedPrinc180: 0 };
  // A negative principal is refused by the uInt check on OverdPrinc; it is not split.
  if (overdue && /^\d+$/.test(principal)) {
    for (const share of overdueSharesOf(account, Number(principal))) {
      const bucket = PBOC_PRINCIPAL_AGE_BUCKETS.find((b) => share.days >= b.minDays && share.days <= b.maxDays);
      if (bucket) sums[bucket.element] += share.yuan;
    }
  }
  return {
    overdue,
    periods: overdue ? String(account.periodsPastDue) : '0',
    total: overdue ? total : '0',
    principal,
    buckets: {
      Oved31_60Princ: String(sums.Oved31_60Princ),
      Oved61_90Princ: String(sums.Oved61_90Princ),
      Oved91_180Princ: String(sums.Oved91_180Princ),
      OvedPrinc180: String(sums.OvedPrinc180),
    },
  };
}

/** One overdue period's principal (whole yuan) and how many days it has been overdue. */
interface OverdueShare {
  readonly days: number;
  readonly yuan: number;
}

/** Splits the reported (whole-yuan) principal, so the buckets never add up to more than OverdPrinc. */
function overdueSharesOf(account: PbocCrcAccount, principalYuan: number): OverdueShare[] {
  const interval = PBOC_PERIOD_DAYS[account.repaymentFrequency];
  const periods = interval === null ? 1 : Math.max(1, account.periodsPastDue);
  const share = Math.floor(principalYuan / periods);
  const remainder = principalYuan - share * periods;
  return Array.from({ length: periods }, (_, k) => ({ days: account.daysPastDue - k * (interval ?? 0), yuan: k === 0 ? share + remainder : share }));
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

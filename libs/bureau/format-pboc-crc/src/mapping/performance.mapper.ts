import Big from 'big.js';
import { epochDayOf, type LocalDate, type PbocCrcAccount, type PbocCrcOverdueInstalment } from '@furnish/shared-contracts';
import { PBOC_ACCOUNT_STATUS, PBOC_FIVE_CATEGORY_BANDS, PBOC_OVERDUE_BUCKET_DAYS, PBOC_PERIOD_DAYS, PBOC_PRINCIPAL_AGE_BUCKETS } from '../pboc-crc.choices';
import { wholeYuan } from './whole-yuan';

/** What the monthly (H) and non-monthly (J) segments say about overdue amounts. */
export interface Overdue {
  /** Overdue in whole yuan: days past due and an amount that is at least 1 yuan once rounded. */
  readonly overdue: boolean;
  readonly periods: string;
  readonly total: string;
  readonly principal: string;
  readonly buckets: PrincipalBuckets;
}

type BucketElement = (typeof PBOC_PRINCIPAL_AGE_BUCKETS)[number]['element'];
type PrincipalBuckets = { readonly [E in BucketElement]: string };

/**
 * Overdue amounts after the event, as at the report date. OverdPrinc is `principalPastDue`
 * (untracked, null: 0). The principal buckets (§2.5 逾期31-60天 … 180天以上未归还本金) come from
 * `overdueInstalments` when the event carries them (loan-event v2): each unpaid principal goes to
 * the bucket of its own age on the report date (principalBucketsByAge). A v1 event has only the
 * total, the number of periods and the age of the oldest, so the buckets are estimated
 * (estimatedPrincipalBuckets).
 */
export function overdueOf(account: PbocCrcAccount, reportDate: LocalDate): Overdue {
  const total = wholeYuan(account.amountPastDue);
  const overdue = account.daysPastDue > 0 && total !== '0';
  const principal = overdue && account.principalPastDue ? wholeYuan(account.principalPastDue) : '0';
  // A negative principal is refused by the uInt check on OverdPrinc; it is not split.
  const splittable = overdue && /^\d+$/.test(principal);
  let buckets: PrincipalBuckets = NO_BUCKETS;
  if (splittable && account.overdueInstalments !== null) buckets = principalBucketsByAge(account.overdueInstalments, reportDate);
  else if (splittable) buckets = estimatedPrincipalBuckets(account, Number(principal));
  return { overdue, periods: overdue ? String(account.periodsPastDue) : '0', total: overdue ? total : '0', principal, buckets };
}

const NO_BUCKETS: PrincipalBuckets = { Oved31_60Princ: '0', Oved61_90Princ: '0', Oved91_180Princ: '0', OvedPrinc180: '0' };

const bucketOfAge = (days: number): BucketElement | undefined => PBOC_PRINCIPAL_AGE_BUCKETS.find((b) => days >= b.minDays && days <= b.maxDays)?.element;

/**
 * Exact buckets: an unpaid amount that fell due on D is (report date − D) days overdue on the report
 * date and its unpaid principal goes to that age's bucket; amounts 1-30 days overdue are only in
 * OverdPrinc. Each bucket is the exact sum rounded to whole yuan through running totals, oldest
 * bucket first (bucket = rounded total so far − rounded total before it): every bucket is within
 * one yuan of its exact sum and the buckets never add up to more than the rounded bucketed principal,
 * so not more than OverdPrinc when the amounts add up to principalPastDue (§5.2-11).
 */
export function principalBucketsByAge(instalments: readonly PbocCrcOverdueInstalment[], reportDate: LocalDate): PrincipalBuckets {
  const sums = new Map<BucketElement, Big>();
  const reportDay = epochDayOf(reportDate);
  for (const { dueDate, principalUnpaid } of instalments) {
    const element = bucketOfAge(reportDay - epochDayOf(dueDate));
    if (element) sums.set(element, (sums.get(element) ?? new Big(0)).plus(principalUnpaid));
  }
  const buckets: Record<BucketElement, string> = { ...NO_BUCKETS };
  let exactSoFar = new Big(0);
  let roundedSoFar = new Big(0);
  for (const { element } of [...PBOC_PRINCIPAL_AGE_BUCKETS].reverse()) {
    exactSoFar = exactSoFar.plus(sums.get(element) ?? 0);
    const rounded = new Big(wholeYuan(exactSoFar));
    buckets[element] = wholeYuan(rounded.minus(roundedSoFar));
    roundedSoFar = rounded;
  }
  return buckets;
}

/**
 * Estimated buckets for a v1 event [U]. Periods fall due one repayment interval apart
 * (`PBOC_PERIOD_DAYS`), so the k-th overdue period (0 = oldest) is `daysPastDue − k × interval`
 * days overdue, and the principal is split equally over the periods (whole yuan; the remainder
 * goes to the oldest). Each share lands in the bucket of its own age; shares 1-30 days overdue are
 * only in OverdPrinc. Without a fixed interval (single payment, irregular) everything is in the
 * oldest period's bucket. Exact for equal principal portions one interval apart.
 */
function estimatedPrincipalBuckets(account: PbocCrcAccount, principalYuan: number): PrincipalBuckets {
  const sums: Record<BucketElement, number> = { Oved31_60Princ: 0, Oved61_90Princ: 0, Oved91_180Princ: 0, OvedPrinc180: 0 };
  for (const share of overdueSharesOf(account, principalYuan)) {
    const element = bucketOfAge(share.days);
    if (element) sums[element] += share.yuan;
  }
  return {
    Oved31_60Princ: String(sums.Oved31_60Princ),
    Oved61_90Princ: String(sums.Oved61_90Princ),
    Oved91_180Princ: String(sums.Oved91_180Princ),
    OvedPrinc180: String(sums.OvedPrinc180),
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

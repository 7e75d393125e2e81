import type Big from 'big.js';
import { PBOC_ROUNDING_MODE } from '../pboc-crc.choices';

/**
 * An amount in whole yuan, rounded by PBOC_ROUNDING_MODE. A negative amount keeps its sign, so the
 * uInt..15 data-type check (§2.5, §5.2-8: no sign) rejects it at the bureau element it would fill
 * (`pboc.210.data-type`, code `negative`) instead of reporting it as 0.
 */
export function wholeYuan(amount: Big): string {
  const rounded = amount.round(0, PBOC_ROUNDING_MODE);
  return rounded.eq(0) ? '0' : rounded.toFixed(0);
}

/**
 * AcctBal: what the borrower owes. An account in credit (overpaid: the institution owes the
 * borrower) owes nothing, so its balance is 0; this is the one amount that is not rejected when negative.
 */
export function owedBalance(balance: Big): string {
  return balance.lt(0) ? '0' : wholeYuan(balance);
}

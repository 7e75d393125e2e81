import type Big from 'big.js';
import { BAIHANG_ROUNDING_MODE } from '../baihang.choices';

/**
 * A Baihang amount: two decimals, rounded by BAIHANG_ROUNDING_MODE. A negative amount keeps its
 * sign, so the amount data-type check (§5.3 rule 7: realRepayment ≥ 0; amounts are unsigned decimal
 * strings) rejects it at its key (`baihang.<kind>.data-type`, code `negative`) instead of sending "0.00".
 */
export function decimalAmount(amount: Big): string {
  const rounded = amount.round(2, BAIHANG_ROUNDING_MODE);
  return rounded.eq(0) ? '0.00' : rounded.toFixed(2);
}

/** remainingAmount 贷款余额: what is still owed; an account in credit (overpaid) owes nothing, "0.00". */
export function owedAmount(balance: Big): string {
  return balance.lt(0) ? '0.00' : decimalAmount(balance);
}

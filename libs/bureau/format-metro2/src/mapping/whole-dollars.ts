import Big from 'big.js';

/**
 * Metro 2 money: whole dollars, cents truncated (§1.2); a credit (negative) balance is reported
 * as 0 (§1.5 CurrentBalance). The one place Metro 2 amounts are rounded.
 */
export function wholeDollars(amount: Big): number {
  const truncated = amount.round(0, Big.roundDown);
  return truncated.lt(0) ? 0 : Number(truncated.toFixed(0));
}

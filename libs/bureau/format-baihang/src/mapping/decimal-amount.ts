import type Big from 'big.js';
import { BAIHANG_ROUNDING_MODE } from '../baihang.choices';

/** A Baihang amount: two decimals, rounded by BAIHANG_ROUNDING_MODE; negative (credit) amounts are "0.00". */
export function decimalAmount(amount: Big): string {
  const rounded = amount.round(2, BAIHANG_ROUNDING_MODE);
  return rounded.lt(0) ? '0.00' : rounded.toFixed(2);
}

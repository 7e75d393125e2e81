import type Big from 'big.js';
import { PBOC_ROUNDING_MODE } from '../pboc-crc.choices';

/** A uInt amount in whole yuan: rounded by PBOC_ROUNDING_MODE; negative (credit) amounts are 0. */
export function wholeYuan(amount: Big): string {
  const rounded = amount.round(0, PBOC_ROUNDING_MODE);
  return rounded.lt(0) ? '0' : rounded.toFixed(0);
}

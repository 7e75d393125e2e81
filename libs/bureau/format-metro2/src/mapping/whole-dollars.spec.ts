import Big from 'big.js';
import { wholeDollars } from './whole-dollars';

describe('wholeDollars', () => {
  it.each([
    ['1268.40', 1268],
    ['0.49', 0],
    ['0.5', 0],
    ['99.99', 99],
    ['100', 100],
    ['-12.50', 0],
    ['999999999.99', 999999999],
  ])('%s → %d (cents truncated, credit balances 0)', (amount, expected) => {
    expect(wholeDollars(new Big(amount))).toBe(expected);
  });
});

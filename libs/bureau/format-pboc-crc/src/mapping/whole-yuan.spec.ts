import Big from 'big.js';
import { wholeYuan } from './whole-yuan';

describe('wholeYuan', () => {
  it.each([
    ['3268.40', '3268'],
    ['0.49', '0'],
    ['0.5', '1'],
    ['2.5', '3'],
    ['99.99', '100'],
    ['-12.50', '0'],
    ['123456789012345.4', '123456789012345'],
  ])('%s → %s (half up, credit balances 0)', (amount, expected) => {
    expect(wholeYuan(new Big(amount))).toBe(expected);
  });
});

import Big from 'big.js';
import { owedBalance, wholeYuan } from './whole-yuan';

describe('wholeYuan', () => {
  it.each([
    ['3268.40', '3268'],
    ['0.49', '0'],
    ['0.5', '1'],
    ['2.5', '3'],
    ['99.99', '100'],
    ['-12.50', '-13'],
    ['-0.4', '0'],
    ['123456789012345.4', '123456789012345'],
  ])('%s → %s (half up; a negative amount keeps its sign, for the uInt check to refuse)', (amount, expected) => {
    expect(wholeYuan(new Big(amount))).toBe(expected);
  });

  it('owedBalance reports a credit (negative) balance as nothing owed', () => {
    expect(owedBalance(new Big('-12.50'))).toBe('0');
    expect(owedBalance(new Big('3268.40'))).toBe('3268');
  });
});

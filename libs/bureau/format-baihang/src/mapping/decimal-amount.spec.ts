import Big from 'big.js';
import { decimalAmount, owedAmount } from './decimal-amount';

describe('decimalAmount', () => {
  it.each([
    ['3000', '3000.00'],
    ['1066.19', '1066.19'],
    ['0.005', '0.01'],
    ['0.004', '0.00'],
    ['12.345', '12.35'],
    ['-3.10', '-3.10'],
    ['-0.004', '0.00'],
  ])('%s → %s (a negative amount keeps its sign, for the data-type check to refuse)', (amount, expected) => {
    expect(decimalAmount(new Big(amount))).toBe(expected);
  });

  it('owedAmount reports a credit (negative) balance as nothing owed', () => {
    expect(owedAmount(new Big('-3.10'))).toBe('0.00');
    expect(owedAmount(new Big('7463.33'))).toBe('7463.33');
  });
});

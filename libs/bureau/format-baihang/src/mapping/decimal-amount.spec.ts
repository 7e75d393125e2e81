import Big from 'big.js';
import { decimalAmount } from './decimal-amount';

describe('decimalAmount', () => {
  it.each([
    ['3000', '3000.00'],
    ['1066.19', '1066.19'],
    ['0.005', '0.01'],
    ['0.004', '0.00'],
    ['12.345', '12.35'],
    ['-3.10', '0.00'],
  ])('%s → %s', (amount, expected) => {
    expect(decimalAmount(new Big(amount))).toBe(expected);
  });
});

import Big from 'big.js';
import { isValidPrcResidentId } from '../prc-resident-id';
import { aBorrower, aLoanEvent, anInstalmentAccount } from './loan-event.builders';

describe('loan event builders', () => {
  it('give the borrower a PRC resident id with a valid check character', () => {
    expect(isValidPrcResidentId(aBorrower().idNumber)).toBe(true);
  });

  it('merge nested overrides and replace values that are not plain objects', () => {
    const event = aLoanEvent({ account: { daysPastDue: 45, balance: new Big('10.00') }, transaction: null });
    expect(event.account.daysPastDue).toBe(45);
    expect(event.account.balance.toFixed(2)).toBe('10.00');
    expect(event.account.accountId).toBe('RL0000012345');
    expect(event.transaction).toBeNull();
  });

  it('schedule an instalment loan monthly up to its maturity date', () => {
    const account = anInstalmentAccount();
    expect(account.scheduledDueDates).toHaveLength(account.instalmentCount ?? 0);
    expect(account.scheduledDueDates[0]).toBe('2024-02-20');
    expect(account.scheduledDueDates.at(-1)).toBe(account.maturityDate);
  });

  it('give each event its own id', () => {
    expect(aLoanEvent().eventId).not.toBe(aLoanEvent().eventId);
  });
});

import fc from 'fast-check';
import { epochDay, toDate } from '../calendar/calendar';
import type { AccountTerms } from './account-ledger';
import { InstalmentLedger, amortise, scheduledDueDates } from './instalment.ledger';
import { toMoney } from './money';

const OPENED = epochDay(2026, 1, 15);

function aLoan(principal = 1_200_000, count = 12, rate = 0.01): InstalmentLedger {
  const { instalmentAmount, schedule } = amortise(principal, count, rate, OPENED);
  const terms: AccountTerms = {
    accountId: 'IL1',
    productType: 'INSTALMENT_LOAN',
    currency: 'CNY',
    openedOn: toDate(OPENED),
    maturityDate: toDate(schedule[count - 1].dueDay),
    principal: toMoney(principal),
    instalmentCount: count,
    instalmentAmount: toMoney(instalmentAmount),
    scheduledDueDates: scheduledDueDates(schedule),
    repaymentMethod: 'EQUAL_INSTALMENTS',
    repaymentFrequency: 'MONTHLY',
    gracePeriodDays: 3,
    guaranteeType: 'UNSECURED',
    loanPurpose: 'GENERAL_PURPOSE',
    appliedAt: null,
    applicationDistrictCode: '330106',
  };
  return new InstalmentLedger(terms, OPENED, principal, schedule);
}

describe('amortise', () => {
  it('repays exactly the principal in equal instalments due monthly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 10_000_000 }), fc.constantFrom(3, 6, 12, 24), fc.constantFrom(0, 0.009, 0.0125, 0.02), (principal, count, rate) => {
        const { instalmentAmount, schedule } = amortise(principal, count, rate, OPENED);
        expect(schedule.reduce((sum, i) => sum + i.principal, 0)).toBe(principal);
        expect(schedule.every((i) => i.principal > 0 && i.interest >= 0)).toBe(true);
        schedule.slice(0, -1).forEach((i) => expect(i.principal + i.interest).toBe(instalmentAmount));
        schedule.slice(1).forEach((i, n) => expect(i.dueDay).toBeGreaterThan(schedule[n].dueDay));
      }),
    );
  });
});

describe('InstalmentLedger', () => {
  it('reaches a zero balance when every instalment is paid on its due date', () => {
    const loan = aLoan();
    for (const instalment of loan.schedule) {
      loan.pay(instalment.dueDay, loan.owedUpTo(instalment.dueDay));
      loan.closeCycle(instalment);
    }
    expect(loan.balance).toBe(0);
    expect(loan.snapshot(loan.schedule[11].dueDay).status).toBe('CURRENT');
  });

  it('turns delinquent after the grace period, bills the missed interest and dates the first 30-day delinquency', () => {
    const loan = aLoan();
    const [first] = loan.schedule;
    expect(loan.snapshot(first.dueDay + 3)).toMatchObject({ status: 'CURRENT', daysPastDue: 0 });
    const late = loan.snapshot(first.dueDay + 4);
    expect(late).toMatchObject({ status: 'DELINQUENT', daysPastDue: 4, periodsPastDue: 1, dateOfFirstDelinquency: null });
    expect(Number(late.balance)).toBe((1_200_000 + first.interest) / 100);
    expect(Number(late.amountPastDue)).toBe((first.principal + first.interest) / 100);
    expect(loan.snapshot(first.dueDay + 30).dateOfFirstDelinquency).toBe(toDate(first.dueDay + 30));
  });

  it('settles early for the balance plus the interest of the period under way', () => {
    const loan = aLoan();
    const paid = loan.payOff(OPENED + 10);
    expect(paid).toBe(1_200_000 + loan.schedule[0].interest);
    loan.close(OPENED + 10);
    expect(loan.snapshot(OPENED + 10)).toMatchObject({ status: 'CLOSED', closedOn: toDate(OPENED + 10) });
  });
});

import { epochDay, toDate } from '../calendar/calendar';
import type { AccountTerms } from './account-ledger';
import { RevolvingLedger, revolvingPolicy } from './revolving.ledger';

const OPENED = epochDay(2026, 1, 10);
const JAN_31 = epochDay(2026, 1, 31);

const TERMS: AccountTerms = {
  accountId: 'RL1',
  productType: 'REVOLVING_LINE',
  currency: 'CNY',
  openedOn: toDate(OPENED),
  maturityDate: toDate(OPENED + 3 * 365),
  principal: null,
  instalmentCount: null,
  instalmentAmount: null,
  scheduledDueDates: [],
  repaymentMethod: 'REVOLVING',
  repaymentFrequency: 'MONTHLY',
  gracePeriodDays: 3,
  guaranteeType: 'UNSECURED',
  loanPurpose: 'DAILY_CONSUMPTION',
  appliedAt: null,
  applicationDistrictCode: '330106',
};

const aLine = (): RevolvingLedger => new RevolvingLedger(TERMS, OPENED, 1_000_000, revolvingPolicy(0.015, 50, 10));

describe('RevolvingLedger', () => {
  it('bills 10% of the statement balance, due ten days after the statement', () => {
    const line = aLine();
    line.draw(OPENED + 1, 300_000);
    const statement = line.closeStatement(JAN_31);
    expect(statement).toMatchObject({ periodStart: toDate(OPENED), periodEnd: '2026-01-31', dueDate: '2026-02-10', instalmentNumber: null, paymentHistory: [] });
    expect([statement.minimumDue.toFixed(2), statement.totalDue.toFixed(2), statement.amountBorrowedInMonth.toFixed(2)]).toEqual(['300.00', '3000.00', '3000.00']);
  });

  it('charges interest only on what was carried over from the last statement', () => {
    const line = aLine();
    line.draw(OPENED + 1, 300_000);
    line.closeCycle(JAN_31);
    line.pay(JAN_31 + 5, 100_000);
    line.closeCycle(epochDay(2026, 2, 28));
    expect(line.balance).toBe(200_000 + 3_000);
  });

  it('freezes the line once a minimum payment is past due, and reports days past due from the due date', () => {
    const line = aLine();
    line.draw(OPENED + 1, 300_000);
    line.closeCycle(JAN_31);
    const due = JAN_31 + 10;
    expect(line.canDraw(due + 3, 1_000)).toBe(true);
    expect(line.canDraw(due + 4, 1_000)).toBe(false);
    expect(line.snapshot(due + 4)).toMatchObject({ status: 'DELINQUENT', daysPastDue: 4, periodsPastDue: 1 });
    expect(Number(line.snapshot(due + 4).amountPastDue)).toBe(300);
  });

  it('writes the whole balance off as past due when charged off', () => {
    const line = aLine();
    line.draw(OPENED + 1, 300_000);
    line.closeCycle(JAN_31);
    line.chargeOff(JAN_31 + 200);
    const account = line.snapshot(JAN_31 + 200);
    expect(account.status).toBe('CHARGED_OFF');
    expect(account.amountPastDue.eq(account.balance) && account.chargedOffAmount!.eq(account.balance)).toBe(true);
    expect(account.dateOfFirstDelinquency).toBe(toDate(JAN_31 + 10 + 30));
  });
});

import Big from 'big.js';
import fc from 'fast-check';
import { addDays, prcResidentIdCheckCharacter, toLocalDate, type LocalDate, type MinimisedBaihangRecord } from '@furnish/shared-contracts';
import { aMinimisedBaihangRecord, applyOverrides, type Overrides } from '@furnish/shared-contracts/testing';

/** A fixed event id, so reqIDs are stable. */
export const BAIHANG_FIXTURE_EVENT_ID = '5c4b3a29-1807-4f6e-8d5c-4b3a29180706';

/** Due dates on the same day of each following month (clamped to the month's end), `count` of them. */
export function monthlySchedule(firstDue: LocalDate, count: number): LocalDate[] {
  const [year, month, day] = firstDue.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const last = new Date(Date.UTC(year, month + i, 0)).getUTCDate();
    return toLocalDate(new Date(Date.UTC(year, month - 1 + i, Math.min(day, last))).toISOString().slice(0, 10));
  });
}

/** A 12-month cash loan of 12,000.00 opened on 2024-01-20: the event that produces a D2. */
export const aBaihangLoanOpenedRecord = (overrides?: Overrides<MinimisedBaihangRecord>): MinimisedBaihangRecord =>
  applyOverrides(
    aMinimisedBaihangRecord({
      eventId: BAIHANG_FIXTURE_EVENT_ID,
      eventType: 'ACCOUNT_OPENED',
      occurredAt: new Date('2024-01-20T06:31:00.000Z'),
      statement: null,
      account: {
        accountId: 'IL0000067890',
        productType: 'INSTALMENT_LOAN',
        openedOn: toLocalDate('2024-01-20'),
        maturityDate: toLocalDate('2025-01-20'),
        creditLimit: null,
        principal: new Big('12000.00'),
        instalmentCount: 12,
        instalmentAmount: new Big('1066.19'),
        scheduledDueDates: monthlySchedule(toLocalDate('2024-02-20'), 12),
        loanPurpose: 'GENERAL_PURPOSE',
        appliedAt: new Date('2024-01-20T06:30:00.000Z'),
        balance: new Big('12000.00'),
        lastPaymentDate: null,
        lastPaymentAmount: null,
      },
    }),
    overrides,
  );

/** The fifth instalment of that loan paid on its due date: a D3. */
export const aBaihangRepaymentRecord = (overrides?: Overrides<MinimisedBaihangRecord>): MinimisedBaihangRecord =>
  applyOverrides(
    aBaihangLoanOpenedRecord({
      eventType: 'REPAYMENT',
      occurredAt: new Date('2024-06-20T01:02:03.000Z'),
      account: { balance: new Big('7463.33'), lastPaymentDate: toLocalDate('2024-06-20'), lastPaymentAmount: new Big('1066.19') },
    }),
    overrides,
  );

/** A revolving line opened on 2023-01-15: an X2. */
export const aBaihangLineOpenedRecord = (overrides?: Overrides<MinimisedBaihangRecord>): MinimisedBaihangRecord =>
  applyOverrides(
    aMinimisedBaihangRecord({
      eventId: BAIHANG_FIXTURE_EVENT_ID,
      eventType: 'ACCOUNT_OPENED',
      occurredAt: new Date('2023-01-15T02:12:00.000Z'),
      statement: null,
      account: { balance: new Big(0), lastPaymentDate: null, lastPaymentAmount: null },
    }),
    overrides,
  );

const money = (min: number, max: number): fc.Arbitrary<Big> => fc.integer({ min: min * 100, max: max * 100 }).map((c) => new Big(c).div(100));

/** Random but internally consistent accounts and events: every one must format into valid records. */
export const arbitraryBaihangRecord = (): fc.Arbitrary<MinimisedBaihangRecord> =>
  fc
    .record({
      eventType: fc.constantFrom('ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'REPAYMENT', 'DRAWDOWN', 'CREDIT_LIMIT_CHANGED', 'CHARGED_OFF'),
      openedOn: fc.integer({ min: 0, max: 2500 }).map((d) => addDays(toLocalDate('2019-01-01'), d)),
      appliedSecond: fc.integer({ min: 0, max: 86_399 }),
      openedAfterSeconds: fc.integer({ min: 0, max: 7200 }),
      ageDays: fc.integer({ min: 1, max: 900 }),
      revolving: fc.boolean(),
      delinquent: fc.boolean(),
      daysPastDue: fc.integer({ min: 1, max: 999 }),
      count: fc.integer({ min: 1, max: 36 }),
      instalment: fc.integer({ min: 1, max: 36 }),
      amount: money(1, 500_000),
      balance: money(0, 500_000),
      paid: money(0, 20_000),
      grace: fc.integer({ min: 0, max: 10 }),
      guarantee: fc.constantFrom('UNSECURED', 'PLEDGE', 'MORTGAGE', 'GUARANTOR'),
      purpose: fc.constantFrom('NO_SCENARIO', 'EDUCATION', 'SHOPPING', 'DAILY_CONSUMPTION', 'OTHER'),
      name: fc.constantFrom('王小明', '李娜', '欧阳明月'),
      idBody: fc.integer({ min: 0, max: 999 }).map((n) => `11010519851102${String(n).padStart(3, '0')}`),
      mobile: fc.integer({ min: 0, max: 99_999_999 }).map((n) => `+86139${String(n).padStart(8, '0')}`),
      accountId: fc.stringMatching(/^[A-Z]{2}[0-9]{10}$/),
    })
    .map((a) => {
      const opening = a.eventType === 'ACCOUNT_OPENED';
      const appliedAt = new Date(Date.parse(`${a.openedOn}T00:00:00+08:00`) + a.appliedSecond * 1000);
      const closing = a.eventType === 'ACCOUNT_CLOSED';
      const delinquent = !opening && !closing && (a.delinquent || a.eventType === 'CHARGED_OFF');
      const schedule = a.revolving ? [] : monthlySchedule(addDays(a.openedOn, 30), a.count);
      // An overdue loan is overdue on a scheduled term: days past due count from a due date more than the grace period behind.
      const oldestUnpaidDue = delinquent && !a.revolving ? schedule[Math.min(a.instalment, a.count) - 1] : null;
      const day = opening ? a.openedOn : oldestUnpaidDue ? addDays(oldestUnpaidDue, a.grace + 1 + (a.daysPastDue % 400)) : addDays(a.openedOn, a.ageDays);
      const daysPastDue = oldestUnpaidDue ? a.grace + 1 + (a.daysPastDue % 400) : a.daysPastDue;
      const occurredAt = opening ? new Date(appliedAt.getTime() + a.openedAfterSeconds * 1000) : new Date(`${day}T04:00:00.000Z`);
      const periodStart = addDays(day, -29);
      return aBaihangLoanOpenedRecord({
        eventType: a.eventType,
        occurredAt,
        account: {
          accountId: a.accountId,
          productType: a.revolving ? 'REVOLVING_LINE' : 'INSTALMENT_LOAN',
          openedOn: a.openedOn,
          maturityDate: a.revolving ? addDays(a.openedOn, 1095) : schedule[schedule.length - 1],
          creditLimit: a.revolving ? a.amount : null,
          principal: a.revolving ? null : a.amount,
          instalmentCount: a.revolving ? null : a.count,
          instalmentAmount: a.revolving ? null : a.amount.div(a.count).round(2),
          scheduledDueDates: schedule,
          gracePeriodDays: a.grace,
          guaranteeType: a.guarantee,
          loanPurpose: a.purpose,
          appliedAt,
          balance: closing ? new Big(0) : a.balance,
          amountPastDue: delinquent ? a.paid.plus(1) : new Big(0),
          daysPastDue: delinquent ? daysPastDue : 0,
          status: closing ? 'CLOSED' : a.eventType === 'CHARGED_OFF' ? 'CHARGED_OFF' : delinquent ? 'DELINQUENT' : 'CURRENT',
          closedOn: closing ? day : null,
          lastPaymentDate: opening ? null : day,
          lastPaymentAmount: opening ? null : a.paid,
        },
        borrower: { fullName: a.name, idNumber: a.idBody + prcResidentIdCheckCharacter(a.idBody), phone: a.mobile },
        statement:
          a.eventType === 'STATEMENT_CLOSED'
            ? {
                periodStart,
                periodEnd: day,
                dueDate: addDays(day, 10),
                minimumDue: a.paid,
                totalDue: a.paid.plus(a.balance),
                amountPaidInMonth: a.paid,
                instalmentNumber: a.revolving ? null : Math.min(a.instalment, a.count),
              }
            : null,
      });
    });

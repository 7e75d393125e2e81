import Big from 'big.js';
import fc from 'fast-check';
import { addDays, prcResidentIdCheckCharacter, toLocalDate, type LocalDate, type MinimisedPbocCrcRecord, type PbocCrcOverdueInstalment } from '@furnish/shared-contracts';
import { aMinimisedPbocCrcRecord, applyOverrides, type Overrides } from '@furnish/shared-contracts/testing';

/** A fixed event id, so record ids are stable. */
export const PBOC_FIXTURE_EVENT_ID = '3e1d9c7b-5a4f-4e2d-9c8b-7a6f5e4d3c2b';

/** The May 2024 statement of a revolving line (R1, code 30), as the minimiser passes it to PBOC. */
export const aPbocStatementRecord = (overrides?: Overrides<MinimisedPbocCrcRecord>): MinimisedPbocCrcRecord =>
  aMinimisedPbocCrcRecord({ eventId: PBOC_FIXTURE_EVENT_ID, ...overrides });

/** A 12-month cash loan of 12,000.00 opened on 2024-01-20 (D1, code 10). */
export const aPbocLoanOpenedRecord = (overrides?: Overrides<MinimisedPbocCrcRecord>): MinimisedPbocCrcRecord =>
  applyOverrides(aPbocStatementRecord({
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
      repaymentMethod: 'EQUAL_INSTALMENTS',
      balance: new Big('12000.00'),
      lastPaymentDate: null,
      lastPaymentAmount: null,
    },
  }), overrides);

const money = (min: number, max: number): fc.Arbitrary<Big> => fc.integer({ min: min * 100, max: max * 100 }).map((cents) => new Big(cents).div(100));
const NAMES = ['王小明', '李娜', '欧阳明月', '张伟', '司马相如', '阿卜杜热合曼·买买提'];

/** Random but internally consistent accounts and events: every one must format into valid records. */
export const arbitraryPbocRecord = (): fc.Arbitrary<MinimisedPbocCrcRecord> =>
  fc
    .record({
      eventType: fc.constantFrom('ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'REPAYMENT', 'DRAWDOWN', 'CREDIT_LIMIT_CHANGED', 'CHARGED_OFF'),
      day: fc.integer({ min: 0, max: 3000 }).map((d) => addDays(toLocalDate('2018-01-01'), d)),
      ageDays: fc.integer({ min: 0, max: 1500 }),
      revolving: fc.boolean(),
      delinquent: fc.boolean(),
      closedAtStatement: fc.boolean(),
      daysPastDue: fc.integer({ min: 1, max: 500 }),
      periodsPastDue: fc.integer({ min: 1, max: 20 }),
      pastDue: money(1, 50_000),
      balance: money(0, 500_000),
      limit: money(1, 1_000_000),
      count: fc.integer({ min: 1, max: 360 }),
      instalmentNumber: fc.integer({ min: 1, max: 360 }),
      minimumDue: money(0, 10_000),
      paid: money(0, 10_000),
      method: fc.constantFrom('EQUAL_INSTALMENTS', 'EQUAL_PRINCIPAL', 'INTEREST_THEN_PRINCIPAL', 'BULLET', 'OTHER'),
      revolvingMethod: fc.constantFrom('REVOLVING', 'INTEREST_THEN_PRINCIPAL', 'OTHER'),
      frequency: fc.constantFrom('DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY', 'SINGLE_PAYMENT', 'IRREGULAR'),
      guarantee: fc.constantFrom('UNSECURED', 'PLEDGE', 'MORTGAGE', 'COMBINED', 'OTHER'),
      name: fc.constantFrom(...NAMES),
      idBody: fc.integer({ min: 0, max: 999 }).map((n) => `33010619900307${String(n).padStart(3, '0')}`),
      accountId: fc.stringMatching(/^[A-Z]{2}[0-9]{10}$/),
      paymentLag: fc.integer({ min: 0, max: 25 }),
      // loan-event v2: the lender lists each unpaid amount (one a month, adding up to principalPastDue).
      listsUnpaidAmounts: fc.boolean(),
    })
    .map((a) => {
      const event = a.eventType;
      const day: LocalDate = a.day;
      const openedOn = event === 'ACCOUNT_OPENED' ? addDays(day, -Math.min(a.ageDays, 29)) : addDays(day, -a.ageDays);
      const closing = event === 'ACCOUNT_CLOSED' || (event === 'STATEMENT_CLOSED' && a.closedAtStatement);
      const delinquent = !closing && event !== 'ACCOUNT_OPENED' && (a.delinquent || event === 'REPAYMENT');
      const status = closing ? 'CLOSED' : event === 'CHARGED_OFF' ? 'CHARGED_OFF' : delinquent ? 'DELINQUENT' : 'CURRENT';
      const pastDue = delinquent ? a.pastDue : new Big(0);
      const lastPayment = event === 'ACCOUNT_OPENED' ? null : event === 'REPAYMENT' ? day : maxDate(openedOn, addDays(day, -a.paymentLag));
      const count = a.count;
      const base = aPbocStatementRecord();
      return aPbocStatementRecord({
        eventType: event,
        occurredAt: new Date(`${day}T04:00:00.000Z`),
        account: {
          accountId: a.accountId,
          productType: a.revolving ? 'REVOLVING_LINE' : 'INSTALMENT_LOAN',
          openedOn,
          maturityDate: addDays(openedOn, 30 * count),
          creditLimit: a.revolving ? a.limit : null,
          principal: a.revolving ? null : a.limit,
          instalmentCount: a.revolving ? null : count,
          repaymentMethod: a.revolving ? a.revolvingMethod : a.method,
          repaymentFrequency: a.frequency,
          guaranteeType: a.guarantee,
          balance: closing ? new Big(0) : a.balance,
          amountPastDue: pastDue,
          principalPastDue: delinquent ? pastDue.times(0.8).round(2) : new Big(0),
          overdueInstalments: a.listsUnpaidAmounts ? unpaidAmounts(day, delinquent ? pastDue.times(0.8).round(2) : new Big(0), delinquent ? a.periodsPastDue : 0, a.daysPastDue) : null,
          daysPastDue: delinquent ? a.daysPastDue : 0,
          periodsPastDue: delinquent ? a.periodsPastDue : 0,
          status,
          closedOn: closing ? day : null,
          lastPaymentDate: lastPayment,
          lastPaymentAmount: lastPayment ? a.paid.plus(1) : null,
        },
        borrower: { fullName: a.name, idNumber: a.idBody + prcResidentIdCheckCharacter(a.idBody) },
        statement:
          event === 'STATEMENT_CLOSED'
            ? { ...base.statement!, periodEnd: day, dueDate: addDays(day, 10), minimumDue: a.minimumDue, amountPaidInMonth: a.paid, instalmentNumber: a.revolving ? null : Math.min(a.instalmentNumber, count) }
            : null,
      });
    });

const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);

/** `periods` unpaid amounts 30 days apart, the oldest `daysPastDue` old on `day`, their principal adding up to `principal`. */
function unpaidAmounts(day: LocalDate, principal: Big, periods: number, daysPastDue: number): PbocCrcOverdueInstalment[] {
  const cents = Number(principal.times(100));
  const share = Math.floor(cents / Math.max(1, periods));
  return Array.from({ length: periods }, (_, k) => ({
    dueDate: addDays(day, -(daysPastDue - 30 * k)),
    principalUnpaid: new Big(k === 0 ? cents - share * (periods - 1) : share).div(100),
  }));
}

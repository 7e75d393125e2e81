import Big from 'big.js';
import type { Account, MonthEndStanding, OverdueInstalment, Statement } from '../generated/loan-event';
import { toLocalDate } from '../local-date';

/**
 * Accounts for the loan-event v2 history fields, shared by the hand-derived bureau specs (which
 * derive each expected value from them) and the end-to-end test that sends them through the stack.
 */

/**
 * A cash loan opened 2023-11-20, due on the 20th of every month from 2023-12-20, six instalments
 * unpaid at its statement of 2024-06-20 (23:00 Beijing time). The unpaid principal adds up to 5,251.00.
 */
export const SIX_INSTALMENTS_BEHIND = {
  occurredAt: new Date('2024-06-20T15:00:00.000Z'),
  account: {
    openedOn: toLocalDate('2023-11-20'),
    maturityDate: toLocalDate('2024-11-20'),
    balance: new Big('8400.00'),
    amountPastDue: new Big('5600.00'),
    principalPastDue: new Big('5251.00'),
    daysPastDue: 183,
    periodsPastDue: 6,
    status: 'DELINQUENT',
    lastPaymentDate: toLocalDate('2023-11-25'),
    lastPaymentAmount: new Big('100.00'),
  } satisfies Partial<Account>,
  unpaid: [
    { dueDate: toLocalDate('2023-12-20'), principalUnpaid: new Big('850.00'), interestUnpaid: new Big('58.15') },
    { dueDate: toLocalDate('2024-01-20'), principalUnpaid: new Big('860.40'), interestUnpaid: new Big('58.15') },
    { dueDate: toLocalDate('2024-02-20'), principalUnpaid: new Big('870.30'), interestUnpaid: new Big('58.15') },
    { dueDate: toLocalDate('2024-03-20'), principalUnpaid: new Big('880.20'), interestUnpaid: new Big('58.15') },
    { dueDate: toLocalDate('2024-04-20'), principalUnpaid: new Big('890.10'), interestUnpaid: new Big('58.15') },
    { dueDate: toLocalDate('2024-05-20'), principalUnpaid: new Big('900.00'), interestUnpaid: new Big('58.15') },
  ] satisfies OverdueInstalment[],
  statement: {
    periodStart: toLocalDate('2024-05-21'),
    periodEnd: toLocalDate('2024-06-20'),
    dueDate: toLocalDate('2024-06-20'),
    minimumDue: new Big('1066.19'),
    totalDue: new Big('6666.19'),
    amountPaidInMonth: new Big('0'),
    amountBorrowedInMonth: new Big('0'),
    instalmentNumber: 7,
  } satisfies Partial<Statement>,
};

/**
 * A US line of credit opened 2023-12-05 and closed on 2024-06-12, a month without a statement, with
 * its standing at each month end before June; February 2024 is missing from the lender's history.
 */
export const LINE_CLOSED_WITHOUT_STATEMENT = {
  occurredAt: new Date('2024-06-12T15:00:00.000Z'),
  account: {
    openedOn: toLocalDate('2023-12-05'),
    balance: new Big('0'),
    amountPastDue: new Big('0'),
    daysPastDue: 0,
    status: 'CLOSED',
    closedOn: toLocalDate('2024-06-12'),
    lastPaymentDate: toLocalDate('2024-06-12'),
  } satisfies Partial<Account>,
  history: [
    { monthEnd: toLocalDate('2024-05-31'), standing: 'CURRENT' },
    { monthEnd: toLocalDate('2024-04-30'), standing: 'PAST_DUE_30' },
    { monthEnd: toLocalDate('2024-03-31'), standing: 'CURRENT' },
    { monthEnd: toLocalDate('2024-01-31'), standing: 'CURRENT' },
    { monthEnd: toLocalDate('2023-12-31'), standing: 'ZERO_BALANCE' },
  ] satisfies MonthEndStanding[],
};

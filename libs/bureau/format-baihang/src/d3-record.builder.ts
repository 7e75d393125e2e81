import Big from 'big.js';
import { localDateIn } from '@furnish/bureau-domain';
import type { LocalDate, MinimisedBaihangRecord } from '@furnish/shared-contracts';
import { BAIHANG_LOAN_STATUS, BAIHANG_TIME_ZONE } from './baihang.choices';
import type { BaihangD3Record } from './layouts/d3-record.layout';
import type { BaihangRecordContext } from './mapping/baihang-context';
import { decimalAmount, owedAmount } from './mapping/decimal-amount';
import { overdueTermAt, termAt, type Term } from './mapping/term.mapper';

interface Payment {
  readonly term: Term | null;
  readonly plannedPayment: Big | null;
  readonly targetRepayment: Big;
  readonly realRepayment: Big;
  readonly realRepaymentDate?: string;
}

/**
 * D3: the state of one instalment after a repayment, a statement, the closure or a charge-off
 * (docs/formats/baihang.md has the per-event table).
 */
export function buildD3(source: MinimisedBaihangRecord, context: BaihangRecordContext): BaihangD3Record {
  const { account } = source;
  const payment = paymentOf(source, context);
  if (payment.term === null) issueTerm(source, context);
  if (payment.plannedPayment === null) context.issue('baihang.map.planned-payment', 'account.instalmentAmount', 'required');
  const overdue = account.daysPastDue > 0;
  return {
    reqID: context.reqID,
    opCode: 'A',
    uploadTs: context.eventTime,
    loanId: account.accountId,
    name: context.name,
    pid: context.pid,
    mobile: context.mobile,
    termNo: payment.term?.termNo ?? 0,
    termStatus: overdue ? 'overdue' : 'normal',
    targetRepaymentDate: payment.term?.dueDate ?? '',
    ...(payment.realRepaymentDate ? { realRepaymentDate: payment.realRepaymentDate } : {}),
    plannedPayment: payment.plannedPayment ? decimalAmount(payment.plannedPayment) : '',
    targetRepayment: decimalAmount(payment.targetRepayment),
    realRepayment: decimalAmount(payment.realRepayment),
    overdueStatus: overdue ? `D${account.daysPastDue}` : '',
    statusConfirmAt: context.eventTime,
    overdueAmount: decimalAmount(account.amountPastDue),
    remainingAmount: owedAmount(account.balance),
    loanStatus: BAIHANG_LOAN_STATUS[account.status],
  };
}

function paymentOf(source: MinimisedBaihangRecord, context: BaihangRecordContext): Payment {
  const { account, statement } = source;
  const eventDay = localDateIn(source.occurredAt, BAIHANG_TIME_ZONE);
  const zero = new Big(0);
  if (account.daysPastDue > 0) return overduePaymentOf(source, eventDay, context);
  const paidOn = (day: LocalDate): boolean => account.lastPaymentDate === day && account.lastPaymentAmount !== null;
  switch (source.eventType) {
    case 'STATEMENT_CLOSED': {
      const paid = account.lastPaymentDate !== null && statement !== null && account.lastPaymentDate >= statement.periodStart && account.lastPaymentDate <= statement.periodEnd;
      return {
        term: statement?.instalmentNumber ? { termNo: statement.instalmentNumber, dueDate: statement.dueDate } : null,
        plannedPayment: statement?.minimumDue ?? null,
        targetRepayment: statement?.totalDue ?? zero,
        realRepayment: statement?.amountPaidInMonth ?? zero,
        ...(paid ? { realRepaymentDate: `${account.lastPaymentDate}T00:00:00` } : {}),
      };
    }
    case 'REPAYMENT':
      return {
        term: termAt(account, account.lastPaymentDate ?? eventDay),
        plannedPayment: account.instalmentAmount,
        targetRepayment: account.daysPastDue > 0 ? account.amountPastDue : zero,
        realRepayment: account.lastPaymentAmount ?? zero,
        realRepaymentDate: context.eventTime,
      };
    default: {
      const day = account.closedOn ?? eventDay;
      return {
        term: termAt(account, day),
        plannedPayment: account.instalmentAmount,
        targetRepayment: account.daysPastDue > 0 ? account.amountPastDue : zero,
        realRepayment: paidOn(day) ? account.lastPaymentAmount! : zero,
        ...(paidOn(day) ? { realRepaymentDate: `${day}T00:00:00` } : {}),
      };
    }
  }
}

/**
 * While the account is overdue, a D3 reports the oldest overdue term (`overdueTermAt`), never the
 * next instalment, which is not yet due: plannedPayment is that term's instalment, targetRepayment
 * what is overdue, realRepayment the payment made on the event day (the REPAYMENT itself) or in the
 * statement's period.
 */
function overduePaymentOf(source: MinimisedBaihangRecord, eventDay: LocalDate, context: BaihangRecordContext): Payment {
  const { account, statement } = source;
  const term = overdueTermAt(account, eventDay);
  const plannedPayment = account.instalmentAmount;
  const targetRepayment = account.amountPastDue;
  if (source.eventType === 'REPAYMENT') {
    return { term, plannedPayment, targetRepayment, realRepayment: account.lastPaymentAmount ?? new Big(0), realRepaymentDate: context.eventTime };
  }
  const from = statement?.periodStart ?? eventDay;
  const paid = account.lastPaymentDate !== null && account.lastPaymentAmount !== null && account.lastPaymentDate >= from && account.lastPaymentDate <= eventDay;
  const realRepayment = source.eventType === 'STATEMENT_CLOSED' ? (statement?.amountPaidInMonth ?? new Big(0)) : paid ? account.lastPaymentAmount! : new Big(0);
  return { term, plannedPayment, targetRepayment, realRepayment, ...(paid ? { realRepaymentDate: `${account.lastPaymentDate}T00:00:00` } : {}) };
}

function issueTerm(source: MinimisedBaihangRecord, context: BaihangRecordContext): void {
  if (source.eventType === 'STATEMENT_CLOSED' && source.account.daysPastDue === 0) context.issue('baihang.map.term', 'statement.instalmentNumber', 'required');
  else context.issue('baihang.map.term', 'account.scheduledDueDates', 'required');
}

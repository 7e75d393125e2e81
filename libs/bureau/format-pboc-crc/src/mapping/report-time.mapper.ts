import type { LocalDate, MinimisedPbocCrcRecord } from '@furnish/shared-contracts';
import { localDateIn } from '@furnish/bureau-domain';
import type { PbocReportTimeCode } from '../code-tables';
import { PBOC_TIME_ZONE } from '../pboc-crc.choices';

export interface ReportTime {
  readonly code: PbocReportTimeCode;
  readonly reportDate: LocalDate;
}

/**
 * The report-time code and RptDate an event requires, or null when it requires no 210 record:
 * - ACCOUNT_OPENED → 10 on the day it happened (Beijing time);
 * - STATEMENT_CLOSED → 30 on the statement date, or 32 when the account closed with it;
 * - ACCOUNT_CLOSED → 20 on the closing date;
 * - REPAYMENT → 40 on the payment date when overdue amounts remain after it (the payment reduced
 *   them). A repayment that clears them cannot be told from an ordinary one with this record, see
 *   docs/formats/pboc-crc.md;
 * - DRAWDOWN, CREDIT_LIMIT_CHANGED, CHARGED_OFF → none: the next monthly record carries them.
 */
export function reportTimeOf(record: MinimisedPbocCrcRecord): ReportTime | null {
  const { account } = record;
  const eventDay = localDateIn(record.occurredAt, PBOC_TIME_ZONE);
  switch (record.eventType) {
    case 'ACCOUNT_OPENED':
      return { code: '10', reportDate: eventDay };
    case 'STATEMENT_CLOSED':
      return { code: account.status === 'CLOSED' ? '32' : '30', reportDate: record.statement?.periodEnd ?? eventDay };
    case 'ACCOUNT_CLOSED':
      return { code: '20', reportDate: account.closedOn ?? eventDay };
    case 'REPAYMENT':
      return account.amountPastDue.gt(0) ? { code: '40', reportDate: account.lastPaymentDate ?? eventDay } : null;
    case 'DRAWDOWN':
    case 'CREDIT_LIMIT_CHANGED':
    case 'CHARGED_OFF':
      return null;
  }
}

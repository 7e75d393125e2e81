import type { MinimisedBaihangRecord } from '@furnish/shared-contracts';
import { BAIHANG_GUARANTEE_TYPE, BAIHANG_LOAN_PURPOSE } from './baihang.choices';
import { FIXED_DATES } from './code-tables';
import type { BaihangD2Record } from './layouts/d2-record.layout';
import type { BaihangRecordContext } from './mapping/baihang-context';
import { decimalAmount } from './mapping/decimal-amount';

/** D2 when an instalment loan opens: the whole schedule as fixed dates (type 2). */
export function buildD2(source: MinimisedBaihangRecord, context: BaihangRecordContext): BaihangD2Record {
  const { account } = source;
  const { issue } = context;
  if (account.principal === null) issue('baihang.map.loan-amount', 'account.principal', 'required');
  if (account.instalmentCount === null) issue('baihang.map.total-term', 'account.instalmentCount', 'required');
  if (account.maturityDate === null) issue('baihang.map.due-date', 'account.maturityDate', 'required');
  if (account.scheduledDueDates.length === 0) issue('baihang.map.schedule', 'account.scheduledDueDates', 'required');
  const issueTime = context.eventTime.startsWith(account.openedOn) && context.eventTime > context.accountOpenTime ? context.eventTime : context.accountOpenTime;
  return {
    reqID: context.reqID,
    opCode: 'A',
    uploadTs: context.eventTime,
    name: context.name,
    pid: context.pid,
    mobile: context.mobile,
    loanId: account.accountId,
    guaranteeType: BAIHANG_GUARANTEE_TYPE[account.guaranteeType],
    loanPurpose: BAIHANG_LOAN_PURPOSE[account.loanPurpose],
    ...(context.applyTime ? { applyDate: context.applyTime } : {}),
    accountOpenDate: context.accountOpenTime,
    issueDate: issueTime,
    dueDate: account.maturityDate ?? '',
    loanAmount: account.principal ? decimalAmount(account.principal) : '',
    totalTerm: account.instalmentCount ?? 0,
    targetRepayDateType: FIXED_DATES,
    termPeriod: -1,
    targetRepayDateList: account.scheduledDueDates.join(','),
    firstRepaymentDate: account.scheduledDueDates[0] ?? '',
    gracePeriod: account.gracePeriodDays,
  };
}

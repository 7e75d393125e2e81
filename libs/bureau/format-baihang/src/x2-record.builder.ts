import type { MinimisedBaihangRecord } from '@furnish/shared-contracts';
import { BAIHANG_GUARANTEE_TYPE, BAIHANG_X2_CREDIT_OP_CODE, BAIHANG_X2_CREDIT_STATUS } from './baihang.choices';
import type { BaihangX2Record } from './layouts/x2-record.layout';
import type { BaihangRecordContext } from './mapping/baihang-context';
import { decimalAmount } from './mapping/decimal-amount';

/** X2 when a revolving line opens (A) and when its limit or state changes (M). */
export function buildX2(source: MinimisedBaihangRecord, context: BaihangRecordContext): BaihangX2Record {
  const { account } = source;
  if (account.creditLimit === null) context.issue('baihang.map.credit-limit', 'account.creditLimit', 'required');
  const creditOpCode = BAIHANG_X2_CREDIT_OP_CODE[source.eventType] ?? 2;
  return {
    reqID: context.reqID,
    opCode: creditOpCode === 1 ? 'A' : 'M',
    uploadTs: context.eventTime,
    name: context.name,
    pid: context.pid,
    mobile: context.mobile,
    creditOpCode,
    creditId: account.accountId,
    guaranteeType: BAIHANG_GUARANTEE_TYPE[account.guaranteeType],
    ...(context.applyTime ? { applyDate: context.applyTime } : {}),
    accountOpenDate: context.accountOpenTime,
    ...(account.maturityDate ? { dueDate: account.maturityDate } : {}),
    creditLimit: account.creditLimit ? decimalAmount(account.creditLimit) : '',
    creditStatus: BAIHANG_X2_CREDIT_STATUS[account.status],
    gracePeriod: account.gracePeriodDays,
    statusChangeTime: context.eventTime,
  };
}

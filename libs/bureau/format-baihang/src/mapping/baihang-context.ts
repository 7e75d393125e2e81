import type { MinimisedBaihangRecord } from '@furnish/shared-contracts';
import { localDateTimeIn, type Violation } from '@furnish/bureau-domain';
import { BAIHANG_MOBILE, BAIHANG_TIME_ZONE } from '../baihang.choices';

/** What every Baihang record of one event shares: ids, times and the borrower's identity. */
export interface BaihangRecordContext {
  readonly reqID: string;
  /** The event's instant in Beijing time: uploadTs, statusConfirmAt, statusChangeTime. */
  readonly eventTime: string;
  readonly name: string;
  readonly pid: string;
  readonly mobile: string;
  /** 账户开立时间: the application instant when the account opened that day, else the opening day at 00:00:00. */
  readonly accountOpenTime: string;
  readonly applyTime: string | undefined;
  readonly issue: (ruleId: string, path: string, code: string) => void;
}

export function baihangContextOf(source: MinimisedBaihangRecord, reqID: string, violations: Violation[]): BaihangRecordContext {
  const issue = (ruleId: string, path: string, code: string): void => {
    violations.push({ ruleId, path, code });
  };
  const { borrower, account } = source;
  if (borrower.idType !== 'PRC_RESIDENT_ID') issue('baihang.map.pid', 'borrower.idType', 'not-a-resident-id');
  const mobile = BAIHANG_MOBILE.exec(borrower.phone);
  if (!mobile) issue('baihang.map.mobile', 'borrower.phone', 'not-a-mainland-mobile');
  const applyTime = account.appliedAt ? localDateTimeIn(account.appliedAt, BAIHANG_TIME_ZONE) : undefined;
  return {
    reqID,
    eventTime: localDateTimeIn(source.occurredAt, BAIHANG_TIME_ZONE),
    name: borrower.fullName,
    pid: borrower.idNumber.toUpperCase(),
    mobile: mobile ? mobile[1] : '',
    accountOpenTime: applyTime?.startsWith(account.openedOn) ? applyTime : `${account.openedOn}T00:00:00`,
    applyTime,
    issue,
  };
}

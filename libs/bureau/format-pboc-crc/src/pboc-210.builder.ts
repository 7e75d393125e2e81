import type { LocalDate, MinimisedPbocCrcRecord } from '@furnish/shared-contracts';
import type { Violation } from '@furnish/bureau-domain';
import type { AcctBsInfSgmt, AcctDbtInfSgmt, AcctMthlyBlgInfSgmt, Pboc210Record } from './layouts/pboc-210.model';
import { accountStatusOf, fiveCategoryOf, overdueBucketOf, overdueOf, repaymentStatusOf } from './mapping/performance.mapper';
import { reportTimeOf, type ReportTime } from './mapping/report-time.mapper';
import { owedBalance, wholeYuan } from './mapping/whole-yuan';
import {
  PBOC_ACCOUNT_TYPE,
  PBOC_BUSINESS_DETAIL_LINE,
  PBOC_BUSINESS_LINE,
  PBOC_CREDIT_AGREEMENT_INFIX,
  PBOC_DISBURSEMENT_FLAG,
  PBOC_FIXED_BASIC_INFO,
  PBOC_GUARANTEE_MODE,
  PBOC_ID_TYPE,
  PBOC_REPAY_FREQUENCY,
  PBOC_REPAY_MODE,
} from './pboc-crc.choices';

export interface BuiltPboc210 {
  /** Null when the event requires no 210 record. */
  readonly record: Pboc210Record | null;
  /** What could not be mapped, at input paths (`account.repaymentMethod`). */
  readonly violations: readonly Violation[];
}

/** Maps one minimised event to its 210 record (docs/formats/pboc-crc.md has the field table). */
export function buildPboc210(source: MinimisedPbocCrcRecord): BuiltPboc210 {
  const time = reportTimeOf(source);
  if (!time) return { record: null, violations: [] };
  const violations: Violation[] = [];
  const issue = (ruleId: string, path: string, code: string): void => {
    violations.push({ ruleId, path, code });
  };
  const { account, borrower, furnisher } = source;
  const accountType = PBOC_ACCOUNT_TYPE[account.productType];
  const orgCode = furnisher.pbocManagementOrgCode ?? '';
  if (furnisher.pbocManagementOrgCode === null) issue('pboc.map.management-org-code', 'furnisher.pbocManagementOrgCode', 'required');

  const record: Pboc210Record = {
    AcctBsSgmt: {
      InfRecType: '210',
      AcctType: accountType,
      AcctCode: `${orgCode}${account.accountId}`,
      RptDate: time.reportDate,
      RptDateCode: time.code,
      Name: borrower.fullName,
      IDType: PBOC_ID_TYPE[borrower.idType],
      IDNum: borrower.idNumber,
      MngmtOrgCode: orgCode,
    },
    ...(['10', '30', '32'].includes(time.code) ? { AcctBsInfSgmt: basicInfo(source, issue) } : {}),
    ...(time.code === '10' && accountType === 'R1' ? { AcctCredSgmt: { Mcc: `${orgCode}${PBOC_CREDIT_AGREEMENT_INFIX}${account.accountId}` } } : {}),
    ...(time.code === '40' ? { AcctDbtInfSgmt: recovery(source, time, issue) } : { AcctMthlyBlgInfSgmt: monthly(source, time) }),
  };
  return { record, violations };
}

type Issue = (ruleId: string, path: string, code: string) => void;

function basicInfo({ account }: MinimisedPbocCrcRecord, issue: Issue): AcctBsInfSgmt {
  const accountType = PBOC_ACCOUNT_TYPE[account.productType];
  const revolving = accountType === 'R1';
  const repayMode = PBOC_REPAY_MODE[accountType]?.[account.repaymentMethod];
  if (repayMode === undefined) issue('pboc.map.repay-mode', 'account.repaymentMethod', 'not-mappable');
  if (account.maturityDate === null) issue('pboc.map.due-date', 'account.maturityDate', 'required');
  if (account.applicationDistrictCode === null) issue('pboc.map.apply-district', 'account.applicationDistrictCode', 'required');
  const amount = revolving ? account.creditLimit : account.principal;
  if (amount === null) issue('pboc.map.amount', revolving ? 'account.creditLimit' : 'account.principal', 'required');
  if (!revolving && account.instalmentCount === null) issue('pboc.map.repay-periods', 'account.instalmentCount', 'required');
  return {
    BusiLines: PBOC_BUSINESS_LINE,
    BusiDtlLines: PBOC_BUSINESS_DETAIL_LINE,
    OpenDate: account.openedOn,
    Cy: account.currency,
    ...(revolving ? { AcctCredLine: amount ? wholeYuan(amount) : '' } : { LoanAmt: amount ? wholeYuan(amount) : '', Flag: PBOC_DISBURSEMENT_FLAG }),
    DueDate: account.maturityDate ?? '',
    RepayMode: repayMode ?? '',
    RepayFreqcy: PBOC_REPAY_FREQUENCY[account.repaymentFrequency],
    ...(revolving ? {} : { RepayPrd: ['21', '22', '23', '29'].includes(repayMode ?? '') ? '0' : String(account.instalmentCount ?? '') }),
    ApplyBusiDist: account.applicationDistrictCode ?? '',
    GuarMode: PBOC_GUARANTEE_MODE[account.guaranteeType],
    ...PBOC_FIXED_BASIC_INFO,
  };
}

/** Segment H for codes 10 (opening), 30/32 (monthly settlement) and 20 (closure). */
function monthly({ account, statement }: MinimisedPbocCrcRecord, time: ReportTime): AcctMthlyBlgInfSgmt {
  const accountType = PBOC_ACCOUNT_TYPE[account.productType];
  const settlement = time.code === '30' || time.code === '32';
  const overdue = overdueOf(account, time.reportDate);
  const amountDue = settlement && statement ? wholeYuan(statement.minimumDue) : '0';
  const paidThisMonth = settlement && statement ? wholeYuan(statement.amountPaidInMonth) : paymentInMonth(account, time.reportDate);
  return {
    Month: time.reportDate.slice(0, 7),
    ...(settlement ? { SettDate: time.reportDate } : {}),
    AcctStatus: accountStatusOf(account),
    AcctBal: owedBalance(account.balance),
    RemRepPrd: remainingPeriods(account, statement, time),
    FiveCate: fiveCategoryOf(account),
    FiveCateAdjDate: fiveCategoryDateOf(time),
    RpyStatus: time.code === '10' ? '*' : repaymentStatusOf(account, overdue, amountDue),
    OverdPrd: overdue.periods,
    TotOverd: overdue.total,
    ...(accountType === 'D1' || accountType === 'R1' ? { OverdPrinc: overdue.principal, ...overdue.buckets } : {}),
    CurRpyAmt: amountDue,
    ActRpyAmt: paidThisMonth,
    LatRpyDate: latestRepaymentDateOf(account),
    ...(account.status === 'CLOSED' && account.closedOn ? { CloseDate: account.closedOn } : {}),
  };
}

/** Segment J for code 40: the account right after the repayment that recovered overdue amounts. */
function recovery({ account, statement }: MinimisedPbocCrcRecord, time: ReportTime, issue: Issue): AcctDbtInfSgmt {
  const overdue = overdueOf(account, time.reportDate);
  if (account.lastPaymentAmount === null) issue('pboc.map.last-payment', 'account.lastPaymentAmount', 'required');
  return {
    AcctStatus: accountStatusOf(account),
    AcctBal: owedBalance(account.balance),
    FiveCate: fiveCategoryOf(account),
    FiveCateAdjDate: fiveCategoryDateOf(time),
    RemRepPrd: remainingPeriods(account, statement, time),
    RpyStatus: overdue.overdue ? overdueBucketOf(account.daysPastDue) : 'N',
    OverdPrd: overdue.periods,
    TotOverd: overdue.total,
    LatRpyAmt: account.lastPaymentAmount !== null ? wholeYuan(account.lastPaymentAmount) : '',
    LatRpyDate: time.reportDate,
  };
}

/**
 * RemRepPrd: for an instalment loan, the instalments after the one the statement covers (all of
 * them at opening, none once closed; between statements, estimated from the maturity date in
 * whole months); 0 for a revolving line, which has no schedule.
 */
function remainingPeriods(account: MinimisedPbocCrcRecord['account'], statement: MinimisedPbocCrcRecord['statement'], time: ReportTime): string {
  if (account.productType === 'REVOLVING_LINE' || account.status === 'CLOSED') return '0';
  const count = account.instalmentCount ?? 0;
  if (time.code === '10') return String(count);
  if (statement?.instalmentNumber != null) return String(Math.max(0, count - statement.instalmentNumber));
  if (!account.maturityDate) return '0';
  const months = monthsFrom(time.reportDate, account.maturityDate);
  return String(Math.min(count, Math.max(0, months)));
}

function monthsFrom(from: LocalDate, to: LocalDate): number {
  const whole = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return to.slice(8) > from.slice(8) ? whole + 1 : whole;
}

/** Outside a settlement, ActRpyAmt is the last payment if it fell in the report month, else 0. */
function paymentInMonth(account: MinimisedPbocCrcRecord['account'], reportDate: LocalDate): string {
  const { lastPaymentDate, lastPaymentAmount } = account;
  const inMonth = lastPaymentDate && lastPaymentDate.slice(0, 7) === reportDate.slice(0, 7) && lastPaymentDate <= reportDate;
  return inMonth && lastPaymentAmount !== null ? wholeYuan(lastPaymentAmount) : '0';
}

/**
 * FiveCateAdjDate (五级分类认定日期): Furnish classifies the account (FiveCate, from days past due) as at
 * the report date, so that is the day the classification is determined. It satisfies ABE007
 * (≤ RptDate) and BLE005 (≥ OpenDate, as RptDate is).
 */
const fiveCategoryDateOf = (time: ReportTime): LocalDate => time.reportDate;

/**
 * LatRpyDate (最近一次实际还款日期) is required in H, also before the first repayment. Until the borrower
 * has repaid anything it holds the open (disbursement) date, as the §2.9 sample does for a new
 * account (code 10, ActRpyAmt 0, LatRpyDate present): the only date that is neither after RptDate
 * (ABE007) nor before OpenDate (BLE005) and does not claim a repayment that did not happen [U].
 */
const latestRepaymentDateOf = (account: MinimisedPbocCrcRecord['account']): LocalDate => account.lastPaymentDate ?? account.openedOn;

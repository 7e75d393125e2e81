import { definePolicy } from '../minimisation-policy';

/**
 * PBOC Credit Reference Center, personal loan account record (type 210, second generation).
 * Field references are bureau-formats.md §2.4-§2.6: segment letter, then the XML tag.
 */
export const PBOC_CRC_POLICY = definePolicy({
  bureau: 'pboc-crc',
  version: 4,
  default: 'drop',
  summary:
    'The 210 record identifies the borrower by name and identity document (segment B), describes the account ' +
    '(segment C) and its monthly performance (segment H, or J for an overdue recovery). It has no contact, ' +
    'merchant, item or transaction-detail field, so no phone, e-mail, address or consumption detail is released.',
  events: {
    // B.RptDateCode 10 (opened), 20 (closed), 30/32 (monthly settlement), 40 (repayment with arrears left):
    // drawdowns, limit changes and charge-offs reach the bureau through the next monthly record.
    INSTALMENT_LOAN: ['ACCOUNT_OPENED', 'REPAYMENT', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED'],
    REVOLVING_LINE: ['ACCOUNT_OPENED', 'REPAYMENT', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED'],
  },
  fields: {
    eventId: { tag: 'event-metadata', required: true, why: 'Outbound record id and sourceEventId (idempotency, audit); not in the 210 payload' },
    eventType: { tag: 'event-metadata', required: true, why: 'B.RptDateCode 报告时点说明代码 (10 new account, 20 closed, 30/32 monthly settlement, 40 overdue recovery)' },
    'corrects.eventId': { tag: 'event-metadata', why: 'Correction or retraction (loan-event v3): names the published event whose record it corrects or deletes' },
    'corrects.kind': { tag: 'event-metadata', why: 'CORRECTION or RETRACTION: the 212 by-segment correction or 213 by-segment deletion of the 210 record the corrected event published' },
    occurredAt: { tag: 'event-metadata', required: true, why: 'B.RptDate 信息报告日期 and H.Month 月份' },
    'consent.consentId': { tag: 'consent', required: true, why: 'Names the authorising consent in the outbound envelope (PRODUCT.md rule 1); not in the 210 payload' },
    'consent.version': { tag: 'consent', required: true, why: 'Version of that consent, in the outbound envelope' },
    'furnisher.pbocManagementOrgCode': {
      tag: 'event-metadata',
      required: true,
      normalise: { kind: 'code', pattern: /^[0-9A-Z]{14}$/, expected: 'a 14-character PBOC management organisation code (letters and digits)' },
      why: 'B.MngmtOrgCode 业务管理机构代码 (AN14); prefixes B.AcctCode and F.Mcc',
    },
    'account.accountId': { tag: 'account', required: true, why: 'B.AcctCode 账户标识码 (after the management organisation code)' },
    'account.productType': { tag: 'account', required: true, why: 'B.AcctType 账户类型: revolving line R1, instalment loan D1' },
    'account.currency': { tag: 'account', required: true, why: 'C.Cy 币种 (ISO 4217)' },
    'account.openedOn': { tag: 'account', required: true, why: 'C.OpenDate 开户日期' },
    'account.maturityDate': { tag: 'account', why: 'C.DueDate 到期日期' },
    'account.creditLimit': { tag: 'account', why: 'C.AcctCredLine 信用额度 (R1 only)' },
    'account.principal': { tag: 'account', why: 'C.LoanAmt 借款金额 (D1 only)' },
    'account.instalmentCount': { tag: 'account', why: 'C.RepayPrd 还款期数 (D1) and H.RemRepPrd 剩余还款期数' },
    'account.repaymentMethod': { tag: 'account', why: 'C.RepayMode 还款方式' },
    'account.repaymentFrequency': { tag: 'account', why: 'C.RepayFreqcy 还款频率' },
    'account.guaranteeType': { tag: 'account', why: 'C.GuarMode 担保方式' },
    'account.applicationDistrictCode': { tag: 'account', why: 'C.ApplyBusiDist 业务申请地行政区划代码 (the lender’s district for online credit, not the borrower’s location)' },
    'account.balance': { tag: 'account', required: true, why: 'H.AcctBal / J.AcctBal 余额' },
    'account.amountPastDue': { tag: 'account', why: 'H.TotOverd / J.TotOverd 当前逾期总额' },
    'account.principalPastDue': { tag: 'account', why: 'H.OverdPrinc 当前逾期本金 and the 31-60 … 180+ day principal buckets (D1, R1)' },
    'account.daysPastDue': { tag: 'account', why: 'H.RpyStatus 当前还款状态 (overdue buckets 1-7)' },
    'account.periodsPastDue': { tag: 'account', why: 'H.OverdPrd / J.OverdPrd 当前逾期期数' },
    'account.status': { tag: 'account', required: true, why: 'H.AcctStatus 账户状态, H.FiveCate 五级分类' },
    'account.closedOn': { tag: 'account', why: 'H.CloseDate / J.CloseDate 账户关闭日期' },
    'account.lastPaymentDate': { tag: 'account', why: 'H.LatRpyDate / J.LatRpyDate 最近一次实际还款日期' },
    'account.lastPaymentAmount': { tag: 'account', why: 'J.LatRpyAmt 最近一次实际还款金额 (overdue recovery); H.ActRpyAmt between statements' },
    'account.overdueInstalments[].dueDate': { tag: 'account', why: 'Age of each unpaid amount at H.RptDate: which of the 31-60 … 180+ day principal buckets (Oved31_60Princ … OvedPrinc180) it is in' },
    'account.overdueInstalments[].principalUnpaid': { tag: 'account', why: 'The principal summed into that bucket (H.Oved31_60Princ 逾期31-60天未归还本金 … OvedPrinc180 逾期180天以上未归还本金)' },
    'borrower.fullName': { tag: 'identity', required: true, normalise: { kind: 'trim' }, why: 'B.Name 借款人姓名 (ANC..30)' },
    'borrower.idType': { tag: 'identity', required: true, why: 'B.IDType 证件类型 (10 resident identity card, 2 passport, …)' },
    'borrower.idNumber': { tag: 'identity', required: true, normalise: { kind: 'identity-number' }, why: 'B.IDNum 证件号码 (ANC..20); GB 11643 check for IDType 10' },
    'statement.periodEnd': { tag: 'statement', why: 'B.RptDate and H.SettDate 结算/应还款日 of a monthly settlement (report-time code 30/32)' },
    'statement.dueDate': { tag: 'statement', why: 'H.SettDate 应还款日 of an instalment' },
    'statement.minimumDue': { tag: 'statement', why: 'H.CurRpyAmt 本月应还款金额' },
    'statement.totalDue': { tag: 'statement', why: 'H.CurRpyAmt 本月应还款金额 of a revolving line (statement total)' },
    'statement.amountPaidInMonth': { tag: 'statement', why: 'H.ActRpyAmt 本月实际还款金额' },
    'statement.instalmentNumber': { tag: 'statement', why: 'H.RemRepPrd 剩余还款期数 (instalments after this one)' },
  },
});

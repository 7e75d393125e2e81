import { definePolicy } from '../minimisation-policy';

/**
 * Baihang Credit: D2 non-revolving loan account, D3 repayment and X2 revolving credit account
 * records (bureau-formats.md §3.4-§3.6, JSON keys as the vendor clients use them).
 */
export const BAIHANG_POLICY = definePolicy({
  bureau: 'baihang',
  version: 3,
  default: 'drop',
  summary:
    'Baihang identifies the borrower by name, resident id number (pid) and mobile number, and takes the loan ' +
    'account (D2 / X2) and each repayment period (D3). Its optional device block (deviceType, IMEI, MAC, IP, OS) ' +
    'and the C1 application record (home and work addresses, employer) are never filled: device data is ' +
    'classified device and may not leave the lender, and addresses are not needed for account records.',
  events: {
    // D2 when an instalment loan opens, D3 on its repayments, statements, closure and charge-off;
    // X2 when a revolving line opens or its limit or state changes (its bills are not reported).
    INSTALMENT_LOAN: ['ACCOUNT_OPENED', 'REPAYMENT', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
    REVOLVING_LINE: ['ACCOUNT_OPENED', 'CREDIT_LIMIT_CHANGED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
  },
  fields: {
    eventId: { tag: 'event-metadata', required: true, why: 'reqID 请求记录唯一编号 and the outbound record id (idempotency, audit)' },
    eventType: { tag: 'event-metadata', required: true, why: 'Which records the event yields (D2 / X2 account, D3 repayment) and opCode' },
    'corrects.eventId': { tag: 'event-metadata', why: 'Correction or retraction (loan-event v3): names the published event whose record it corrects or deletes' },
    'corrects.kind': { tag: 'event-metadata', why: 'CORRECTION or RETRACTION: the modify (opCode M) or delete (opCode D) form of the record the corrected event published' },
    occurredAt: { tag: 'event-metadata', required: true, why: 'D3 statusConfirmAt 状态确认时间 and realRepaymentDate 实际还款时间' },
    'consent.consentId': { tag: 'consent', required: true, why: 'Names the authorising consent in the outbound envelope (PRODUCT.md rule 1); not in the Baihang payload' },
    'consent.version': { tag: 'consent', required: true, why: 'Version of that consent, in the outbound envelope' },
    'furnisher.baihangInstitutionId': { tag: 'event-metadata', normalise: { kind: 'trim' }, why: 'The submitting institution’s id at Baihang (batch file and API account)' },
    'account.accountId': { tag: 'account', required: true, why: 'loanId 贷款编号 (D2/D3); X2 循环授信账户编号' },
    'account.productType': { tag: 'account', required: true, why: 'Record type: instalment loan D2/D3, revolving line X2' },
    'account.currency': { tag: 'account', required: true, why: 'Amounts are CNY decimal strings (loanAmount, plannedPayment, …)' },
    'account.openedOn': { tag: 'account', required: true, why: 'D2 accountOpenDate 账户开立时间, issueDate 放款时间; X2 授信账户开立时间' },
    'account.maturityDate': { tag: 'account', why: 'D2 dueDate 到期日期; X2 授信到期日期' },
    'account.creditLimit': { tag: 'account', why: 'X2 授信额度' },
    'account.principal': { tag: 'account', why: 'D2 loanAmount 借款金额' },
    'account.instalmentCount': { tag: 'account', why: 'D2 totalTerm 还款总期数' },
    'account.instalmentAmount': { tag: 'account', why: 'D3 plannedPayment 本期计划应还款金额 between statements' },
    'account.scheduledDueDates': { tag: 'account', why: 'D2 targetRepayDateList, firstRepaymentDate; D3 targetRepaymentDate 本期应还款日' },
    'account.repaymentFrequency': { tag: 'account', why: 'D2 targetRepayDateType 账单日类型 and termPeriod 每期还款周期' },
    'account.gracePeriodDays': { tag: 'account', why: 'D2 gracePeriod 逾期宽限期; X2 逾期宽限期' },
    'account.guaranteeType': { tag: 'account', why: 'guaranteeType 1 信用 … 6 其他 (D2), X2 授信担保类型' },
    'account.loanPurpose': { tag: 'account', why: 'D2 loanPurpose: the purpose declared for the account, never derived from purchases' },
    'account.appliedAt': { tag: 'account', why: 'D2 applyDate 申请时间; X2 授信申请时间' },
    'account.balance': { tag: 'account', required: true, why: 'D3 remainingAmount 贷款余额' },
    'account.amountPastDue': { tag: 'account', why: 'D3 overdueAmount 当前逾期总额' },
    'account.daysPastDue': { tag: 'account', why: 'D3 overdueStatus (D<days>) and termStatus normal / overdue' },
    'account.status': { tag: 'account', required: true, why: 'D3 loanStatus 1 正常 2 逾期 3 结清; X2 授信账户状态' },
    'account.closedOn': { tag: 'account', why: 'D3 loanStatus 3 结清 and its confirmation date' },
    'account.lastPaymentDate': { tag: 'account', why: 'D3 realRepaymentDate 实际还款时间' },
    'account.lastPaymentAmount': { tag: 'account', why: 'D3 realRepayment 本次还款金额 for a repayment event' },
    'borrower.fullName': { tag: 'identity', required: true, normalise: { kind: 'trim' }, why: 'name 姓名' },
    'borrower.idType': { tag: 'identity', required: true, why: 'pid must be a resident id number: the document type is checked' },
    'borrower.idNumber': { tag: 'identity', required: true, normalise: { kind: 'prc-resident-id' }, why: 'pid 身份证号码 (18 characters, GB 11643 check, upper-case X)' },
    'borrower.phone': {
      tag: 'contact',
      required: true,
      normalise: { kind: 'phone', defaultCountryCode: '86', only: 'mainland-mobile' },
      why: 'mobile 手机号码 (required in D2, D3 and X2)',
    },
    'statement.periodStart': { tag: 'statement', why: 'Start of the billing period a revolving-line repayment record covers' },
    'statement.periodEnd': { tag: 'statement', why: 'Statement date: the period a D3 record reports' },
    'statement.dueDate': { tag: 'statement', why: 'D3 targetRepaymentDate 本期应还款日' },
    'statement.minimumDue': { tag: 'statement', why: 'D3 plannedPayment 本期计划应还款金额' },
    'statement.totalDue': { tag: 'statement', why: 'D3 targetRepayment 本期剩余应还款金额' },
    'statement.amountPaidInMonth': { tag: 'statement', why: 'D3 realRepayment 本次还款金额 for the period' },
    'statement.instalmentNumber': { tag: 'statement', why: 'D3 termNo 当前还款期数' },
  },
});

import Big from 'big.js';
import type { AccountStatus, GuaranteeType, LoanEventType, LoanPurpose, ProductType, RecordKind } from '@furnish/shared-contracts';
import { LOAN_PURPOSE_SYMBOLS } from '@furnish/shared-contracts';

/**
 * Every Baihang reporting choice Furnish makes where bureau-formats.md is silent or marked [U], in
 * one place (docs/formats/baihang.md explains each). Change a choice here, nowhere else.
 */

/** Stamped in OutboundRecord.formatVersion: the JSON records of the 2018-2019 client code. */
export const BAIHANG_FORMAT_VERSION = 'bh-json-2019';

/** Timestamps and dates are Beijing wall-clock time, written without a zone. */
export const BAIHANG_TIME_ZONE = 'Asia/Shanghai';

/** Amounts are decimal strings with two decimals, rounded half up; negatives (credit balances) are "0.00". */
export const BAIHANG_ROUNDING_MODE = Big.roundHalfUp;
export const BAIHANG_CURRENCY = 'CNY';

/**
 * Which records each event produces, per product. Instalment loans: D2 when opened, D3 on every
 * repayment, statement, closure and charge-off. Revolving lines: X2 when opened and when the limit or
 * the account's state changes; their bills (CL1/CL2, keys unknown) are not reported.
 */
export const BAIHANG_RECORDS: Readonly<Record<ProductType, Partial<Record<LoanEventType, Extract<RecordKind, 'BAIHANG_D2' | 'BAIHANG_D3' | 'BAIHANG_X2'>>>>> = {
  INSTALMENT_LOAN: {
    ACCOUNT_OPENED: 'BAIHANG_D2',
    REPAYMENT: 'BAIHANG_D3',
    STATEMENT_CLOSED: 'BAIHANG_D3',
    ACCOUNT_CLOSED: 'BAIHANG_D3',
    CHARGED_OFF: 'BAIHANG_D3',
  },
  REVOLVING_LINE: {
    ACCOUNT_OPENED: 'BAIHANG_X2',
    CREDIT_LIMIT_CHANGED: 'BAIHANG_X2',
    ACCOUNT_CLOSED: 'BAIHANG_X2',
    CHARGED_OFF: 'BAIHANG_X2',
  },
};

/** opCode: the record that creates the account is an add, later account records modify it; D3 records are adds. */
export const BAIHANG_OP_CODE: Readonly<Partial<Record<LoanEventType, 'A' | 'M'>>> = { ACCOUNT_OPENED: 'A' };

/** guaranteeType 1 信用 2 抵押 3 质押 4 保证 5 组合 6 其他. */
export const BAIHANG_GUARANTEE_TYPE: Readonly<Record<GuaranteeType, number>> = {
  UNSECURED: 1,
  MORTGAGE: 2,
  PLEDGE: 3,
  GUARANTOR: 4,
  COMBINED: 5,
  OTHER: 6,
};

/** loanPurpose: the contract's LoanPurpose symbols are in Baihang code order 1-13, then 99. */
export const BAIHANG_LOAN_PURPOSE: Readonly<Record<LoanPurpose, number>> = Object.fromEntries(
  LOAN_PURPOSE_SYMBOLS.map((symbol, i) => [symbol, symbol === 'OTHER' ? 99 : i + 1]),
) as Record<LoanPurpose, number>;

/** D3 loanStatus 1 正常 2 逾期 3 结清 4 撤销; a charged-off loan stays overdue (Baihang has no write-off status). */
export const BAIHANG_LOAN_STATUS: Readonly<Record<AccountStatus, number>> = { CURRENT: 1, DELINQUENT: 2, CLOSED: 3, CHARGED_OFF: 2 };

/** Mainland mobile numbers only: +86 and 11 digits starting with 1; the pid must be a resident id. */
export const BAIHANG_MOBILE = /^\+86(1\d{10})$/;

/**
 * X2 (revolving credit account). The spec lists only the data items' Chinese names (§3.6), so these
 * JSON keys are Furnish's choice, named in the style of the D2 keys; rename one here and only here.
 */
export const BAIHANG_X2_KEYS = {
  reqID: 'reqID', // 请求记录唯一编号
  opCode: 'opCode', // 数据操作标识
  uploadTs: 'uploadTs', // 信息获取时间戳
  name: 'name', // 姓名
  pid: 'pid', // 身份证号码
  mobile: 'mobile', // 手机号码
  creditOpCode: 'creditOpCode', // 授信账户操作代码
  creditId: 'creditId', // 循环授信账户编号
  guaranteeType: 'guaranteeType', // 授信担保类型 1-4
  applyDate: 'applyDate', // 授信申请时间
  accountOpenDate: 'accountOpenDate', // 授信账户开立时间
  dueDate: 'dueDate', // 授信到期日期
  creditLimit: 'creditLimit', // 授信额度
  creditStatus: 'creditStatus', // 授信账户状态
  billingDay: 'billingDay', // 固定账单日
  repaymentDay: 'repaymentDay', // 固定还款日
  gracePeriod: 'gracePeriod', // 逾期宽限期
  statusChangeTime: 'statusChangeTime', // 授信账户信息变动时间
} as const;

/** X2 授信账户操作代码 [U]: 1 开立 (opened), 2 变更 (limit or state changed), 3 关闭 (closed). */
export const BAIHANG_X2_CREDIT_OP_CODE: Readonly<Partial<Record<LoanEventType, number>>> = {
  ACCOUNT_OPENED: 1,
  CREDIT_LIMIT_CHANGED: 2,
  CHARGED_OFF: 2,
  ACCOUNT_CLOSED: 3,
};

/** X2 授信账户状态 [U]: 1 正常 (open, delinquency is a bill matter), 2 冻结 (charged off), 3 关闭. */
export const BAIHANG_X2_CREDIT_STATUS: Readonly<Record<AccountStatus, number>> = { CURRENT: 1, DELINQUENT: 1, CHARGED_OFF: 2, CLOSED: 3 };

/** X2 授信担保类型 has four codes (§3.6); combined or other security cannot be reported on X2. */
export const BAIHANG_X2_GUARANTEE_TYPES: readonly number[] = [1, 2, 3, 4];

/** Batch files: lines end CRLF; named `<institution>_<yyyyMMddHHmmss>_<serial>.txt` (a serial, not a random suffix). */
export const BAIHANG_LINE_SEPARATOR = '\r\n';

import Big from 'big.js';
import type { AccountStatus, GuaranteeType, IdType, LoanEventType, ProductType, RepaymentFrequency, RepaymentMethod } from '@furnish/shared-contracts';
import type { PbocAccountType } from './code-tables';

/**
 * Every PBOC CRC reporting choice Furnish makes where bureau-formats.md is silent or marked [U], in
 * one place (docs/formats/pboc-crc.md explains each). Change a choice here, nowhere else.
 */

/** Header version of the 210 record the implementations use (§2.2), stamped in formatVersion. */
export const PBOC_FORMAT_VERSION = '2.0.0';

/** Business dates are Beijing time: an instant becomes RptDate in this zone. */
export const PBOC_TIME_ZONE = 'Asia/Shanghai';

/**
 * Amounts are whole yuan [U]: rounded half up (0.50 → 1), and a negative (credit) balance is
 * reported as 0 because uInt has no sign. The one rounding rule; see mapping/whole-yuan.ts.
 */
export const PBOC_ROUNDING_MODE = Big.roundHalfUp;

/**
 * A revolving line is one R1 account carrying its own limit (AcctCredLine); an instalment loan is
 * one D1 account disbursed once (Flag 0). The alternative — a 220 credit agreement plus an R4
 * sub-account per draw — is described in the doc and not implemented.
 */
export const PBOC_ACCOUNT_TYPE: Readonly<Record<ProductType, PbocAccountType>> = {
  REVOLVING_LINE: 'R1',
  INSTALMENT_LOAN: 'D1',
};
export const PBOC_DISBURSEMENT_FLAG = '0';

/**
 * R1 at code 10 must carry segment F (AcctCredSgmt.Mcc, the credit-agreement id, §2.7). Furnish
 * derives it as MngmtOrgCode + this infix + account id; the matching 220 record is not produced yet.
 */
export const PBOC_CREDIT_AGREEMENT_INFIX = 'CA';

/** Events that produce a 210 record; the rest yield none (docs/formats/pboc-crc.md). */
export const PBOC_REPORTED_EVENTS: readonly LoanEventType[] = ['ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'REPAYMENT'];

/** 借贷业务大类 1 贷款 and 种类细分 91 其他个人消费贷款 for both products. */
export const PBOC_BUSINESS_LINE = '1';
export const PBOC_BUSINESS_DETAIL_LINE = '91';

/** Fixed basic-info codes: no other repayment guarantee, not transferred, own funds, newly granted. */
export const PBOC_FIXED_BASIC_INFO = { OthRepyGuarWay: '0', AssetTrandFlag: '0', FundSou: '1', LoanForm: '1' } as const;

export const PBOC_ID_TYPE: Readonly<Record<IdType, string>> = {
  PRC_RESIDENT_ID: '10',
  PASSPORT: '2',
  US_SSN: 'X',
  OTHER: 'X',
};

/** GuarMode; COMBINED is read as "combined, without a guarantor" (6) [U]: 5 would require segment D. */
export const PBOC_GUARANTEE_MODE: Readonly<Record<GuaranteeType, string>> = {
  PLEDGE: '1',
  MORTGAGE: '2',
  GUARANTOR: '3',
  UNSECURED: '4',
  COMBINED: '6',
  OTHER: '9',
};

/** RepayMode per account type; a method missing here cannot be reported for that type. */
export const PBOC_REPAY_MODE: Readonly<Partial<Record<PbocAccountType, Partial<Record<RepaymentMethod, string>>>>> = {
  D1: { EQUAL_INSTALMENTS: '11', EQUAL_PRINCIPAL: '12', INTEREST_THEN_PRINCIPAL: '13', BULLET: '21', OTHER: '19' },
  R1: { REVOLVING: '33', INTEREST_THEN_PRINCIPAL: '31', OTHER: '39' },
};

export const PBOC_REPAY_FREQUENCY: Readonly<Record<RepaymentFrequency, string>> = {
  DAILY: '01',
  WEEKLY: '02',
  BIWEEKLY: '13',
  MONTHLY: '03',
  QUARTERLY: '04',
  SINGLE_PAYMENT: '07',
  IRREGULAR: '08',
};

/** H/J AcctStatus; a charged-off account is bad debt already written off (42). */
export const PBOC_ACCOUNT_STATUS: Readonly<Record<AccountStatus, string>> = {
  CURRENT: '1',
  DELINQUENT: '2',
  CLOSED: '3',
  CHARGED_OFF: '42',
};

/** 五级分类 by days past due [U]: the usual consumer-credit mapping; a charge-off is 5 (损失). */
export const PBOC_FIVE_CATEGORY_BANDS: readonly { readonly minDays: number; readonly category: string }[] = [
  { minDays: 360, category: '5' },
  { minDays: 180, category: '4' },
  { minDays: 90, category: '3' },
  { minDays: 1, category: '2' },
  { minDays: 0, category: '1' },
];

/** RpyStatus overdue buckets '1'-'7': 1-30, 31-60, …, 151-180, over 180 days. */
export const PBOC_OVERDUE_BUCKET_DAYS = 30;

/** File lines end CRLF (§2.2); the file is written as UTF-8 (encoding is [U] in §2.2). */
export const PBOC_LINE_SEPARATOR = '\r\n';

/**
 * Days between two consecutive due dates, used to age each overdue period when the event has only
 * the oldest one's age (mapping/performance.mapper.ts). Null: no fixed interval, so one period [U].
 */
export const PBOC_PERIOD_DAYS: Readonly<Record<RepaymentFrequency, number | null>> = {
  DAILY: 1,
  WEEKLY: 7,
  BIWEEKLY: 14,
  MONTHLY: 30,
  QUARTERLY: 91,
  SINGLE_PAYMENT: null,
  IRREGULAR: null,
};

/** H overdue-principal elements by age in days (§2.5: 逾期31-60天 / 61-90 / 91-180 / 180天以上未归还本金). */
export const PBOC_PRINCIPAL_AGE_BUCKETS = [
  { element: 'Oved31_60Princ', minDays: 31, maxDays: 60 },
  { element: 'Oved61_90Princ', minDays: 61, maxDays: 90 },
  { element: 'Oved91_180Princ', minDays: 91, maxDays: 180 },
  { element: 'OvedPrinc180', minDays: 181, maxDays: Number.MAX_SAFE_INTEGER },
] as const;

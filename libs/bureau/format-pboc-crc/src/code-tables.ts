/**
 * PBOC CRC code tables for the personal loan account record 210 (bureau-formats.md §2.6), as the
 * vendor implementations carry them [C-vendor]. Tables that differ by account type are keyed by it.
 */

export const ACCOUNT_TYPES = ['D1', 'R1', 'R2', 'R3', 'R4', 'C1'] as const;
export type PbocAccountType = (typeof ACCOUNT_TYPES)[number];

/** Every account type but the collection account: "D1-R4" in §2.7. */
export const LENDING_ACCOUNT_TYPES: readonly PbocAccountType[] = ['D1', 'R1', 'R2', 'R3', 'R4'];

export const REPORT_TIME_CODES = ['10', '20', '30', '31', '32', '40'] as const;
export type PbocReportTimeCode = (typeof REPORT_TIME_CODES)[number];

/** Account types each report-time code may be used with (§2.7, §5.2 rule 5). */
export const ACCOUNT_TYPES_BY_REPORT_TIME_CODE: Readonly<Record<PbocReportTimeCode, readonly PbocAccountType[]>> = {
  '10': ACCOUNT_TYPES,
  '20': ACCOUNT_TYPES,
  '30': LENDING_ACCOUNT_TYPES,
  '31': LENDING_ACCOUNT_TYPES,
  '32': LENDING_ACCOUNT_TYPES,
  '40': ['D1', 'R1', 'R2', 'R4', 'C1'],
};

export const ID_TYPES = ['1', '2', '5', '6', '8', '9', 'A', 'B', 'C', 'X', '10', '20'] as const;
export const RESIDENT_ID_TYPE = '10';

export const BUSINESS_LINES = ['1', '2', '3', '4', '5', '6'] as const;

export const BUSINESS_DETAIL_LINES = [
  '11', '12', '13', '21', '31', '32', '33', '41', '42', '51', '52', '53', '61', '62', '63', '64', '71', '81', '82', '91', '92', '99', 'A1', 'B1',
] as const;
export const HOUSING_LOAN_DETAIL_LINE = '11';

export const DISBURSEMENT_FLAGS = ['0', '1', '2'] as const;

const INSTALMENT_REPAY_MODES = ['11', '12', '13', '14', '15', '19', '21', '22', '23', '29'];
export const REPAY_MODES: Readonly<Partial<Record<PbocAccountType, readonly string[]>>> = {
  D1: [...INSTALMENT_REPAY_MODES, '90'],
  R4: INSTALMENT_REPAY_MODES,
  R1: ['31', '32', '33', '39', '90'],
};
/** Non-instalment repayment modes: RepayPrd must be 0 (BLE038). */
export const NON_INSTALMENT_REPAY_MODES: readonly string[] = ['21', '22', '23', '29'];
export const SUMMARY_REPAY_MODE = '90';

export const REPAY_FREQUENCIES = ['01', '02', '03', '04', '05', '06', '07', '08', '12', '13', '14', '99'] as const;
export const MONTHLY_REPAY_FREQUENCY = '03';

export const GUARANTEE_MODES = ['1', '2', '3', '4', '5', '6', '7', '9'] as const;
/** Guarantee modes that require the related-obligor segment D at 10 and 31. */
export const GUARANTEE_MODES_WITH_GUARANTOR: readonly string[] = ['3', '5'];

export const OTHER_REPAYMENT_GUARANTEES = ['0', '1', '9'] as const;
export const ASSET_TRANSFER_FLAGS = ['0', '1'] as const;
export const FUND_SOURCES = ['1', '2', '21', '22', '23', '24', '4', '8'] as const;
export const LOAN_FORMS = ['1', '5', '9'] as const;
export const FIRST_HOUSE_LOAN_FLAGS = ['01', '02', '03', '04'] as const;

const LOAN_STATUSES = ['1', '2', '3', '31', '41', '42', '6', '8'];
const CARD_STATUSES = ['1', '31', '4', '41', '51', '52', '6', '8'];
export const ACCOUNT_STATUSES: Readonly<Record<PbocAccountType, readonly string[]>> = {
  D1: LOAN_STATUSES,
  R4: LOAN_STATUSES,
  R1: [...LOAN_STATUSES, '5'],
  R2: CARD_STATUSES,
  R3: CARD_STATUSES,
  C1: ['1', '2'],
};

/** "Closed" account statuses (rule file AcctStatus_Close3-31 / Close4-41; BLE026, BLE037). */
export const CLOSED_STATUSES: Readonly<Record<PbocAccountType, readonly string[]>> = {
  D1: ['3', '31'], R1: ['3', '31'], R4: ['3', '31'], R2: ['4', '41'], R3: ['4', '41'], C1: [],
};
/** Bad-debt statuses (BLE013). */
export const BAD_DEBT_STATUSES: Readonly<Record<PbocAccountType, readonly string[]>> = {
  D1: ['41', '42'], R1: ['41', '42'], R4: ['41', '42'], R2: ['51', '52'], R3: ['51', '52'], C1: [],
};

export const FIVE_CATEGORIES = ['1', '2', '3', '4', '5', '9'] as const;

const LOAN_REPAYMENT_STATUSES = ['*', 'N', 'D', 'Z', 'M', '1', '2', '3', '4', '5', '6', '7', 'B', 'C', 'G', '#'];
const CARD_REPAYMENT_STATUSES = ['*', 'N', '1', '2', '3', '4', '5', '6', '7', 'B', 'C', 'G', '#'];
export const REPAYMENT_STATUSES: Readonly<Partial<Record<PbocAccountType, readonly string[]>>> = {
  D1: LOAN_REPAYMENT_STATUSES,
  R1: LOAN_REPAYMENT_STATUSES,
  R4: LOAN_REPAYMENT_STATUSES,
  R2: CARD_REPAYMENT_STATUSES,
  R3: CARD_REPAYMENT_STATUSES,
};
export const OVERDUE_REPAYMENT_STATUSES: readonly string[] = ['1', '2', '3', '4', '5', '6', '7'];

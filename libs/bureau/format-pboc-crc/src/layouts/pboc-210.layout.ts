import {
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  ASSET_TRANSFER_FLAGS,
  BUSINESS_DETAIL_LINES,
  BUSINESS_LINES,
  DISBURSEMENT_FLAGS,
  FIRST_HOUSE_LOAN_FLAGS,
  FIVE_CATEGORIES,
  FUND_SOURCES,
  GUARANTEE_MODES,
  ID_TYPES,
  LENDING_ACCOUNT_TYPES,
  LOAN_FORMS,
  OTHER_REPAYMENT_GUARANTEES,
  REPAY_FREQUENCIES,
  REPAY_MODES,
  REPAYMENT_STATUSES,
  REPORT_TIME_CODES,
  type PbocAccountType,
} from '../code-tables';
import type { AcctBsInfSgmt, AcctBsSgmt, AcctCredSgmt, AcctDbtInfSgmt, AcctMthlyBlgInfSgmt, ModelledSegmentTag, Pboc210Record, SegmentTag } from './pboc-210.model';
import { AMOUNT, DATE, MONTH, PERIODS, an, anc, code, pattern, type PbocDataType } from './pboc-data-type';

/** Account types a field belongs to; outside them it must be absent (§2.5 "only X" / "not X"). */
export type AccountScope = 'all' | { readonly only: readonly PbocAccountType[] } | { readonly not: readonly PbocAccountType[] };

export interface PbocFieldSpec<S> {
  readonly name: keyof S & string;
  readonly type: PbocDataType;
  /** Within its scope: `required` must be present, `optional` may be. */
  readonly presence: 'required' | 'optional';
  readonly scope?: AccountScope;
}

export interface PbocSegmentSpec<S> {
  readonly tag: SegmentTag;
  /** The letter 212/213 by-segment records use (§2.4). */
  readonly letter: string;
  /** Element order inside the segment, as written. */
  readonly fields: readonly PbocFieldSpec<S>[];
}

export const inScope = (scope: AccountScope | undefined, accountType: PbocAccountType): boolean =>
  scope === undefined || scope === 'all' || ('only' in scope ? scope.only.includes(accountType) : !scope.not.includes(accountType));

const NOT_C1: AccountScope = { not: ['C1'] };
const LOANS_AND_R1: AccountScope = { only: ['D1', 'R1', 'R2', 'R4'] };

const segment = <S>(spec: PbocSegmentSpec<S>): PbocSegmentSpec<S> => Object.freeze({ ...spec, fields: Object.freeze([...spec.fields]) });

/** Segment order inside InAcctInf (§2.4, §5.2 rule 4) with each segment's letter. */
export const SEGMENT_ORDER: readonly { readonly tag: SegmentTag; readonly letter: string }[] = [
  { tag: 'AcctBsSgmt', letter: 'B' },
  { tag: 'AcctBsInfSgmt', letter: 'C' },
  { tag: 'RltRepymtInfSgmt', letter: 'D' },
  { tag: 'MotgaCltalCtrctInfSgmt', letter: 'E' },
  { tag: 'AcctCredSgmt', letter: 'F' },
  { tag: 'OrigCreditorInfSgmt', letter: 'G' },
  { tag: 'AcctMthlyBlgInfSgmt', letter: 'H' },
  { tag: 'SpecPrdSgmt', letter: 'I' },
  { tag: 'AcctDbtInfSgmt', letter: 'J' },
  { tag: 'AcctSpecTrstDspnSgmt', letter: 'K' },
];

/** The element tables of the segments Furnish writes (§2.5), driving writer, reader and validator. */
export const PBOC_210_SEGMENTS: { readonly [S in ModelledSegmentTag]: PbocSegmentSpec<NonNullable<Pboc210Record[S]>> } = {
  AcctBsSgmt: segment<AcctBsSgmt>({
    tag: 'AcctBsSgmt',
    letter: 'B',
    fields: [
      { name: 'InfRecType', type: code(['210']), presence: 'required' },
      { name: 'AcctType', type: code(ACCOUNT_TYPES), presence: 'required' },
      { name: 'AcctCode', type: an(60), presence: 'required' },
      { name: 'RptDate', type: DATE, presence: 'required' },
      { name: 'RptDateCode', type: code(REPORT_TIME_CODES), presence: 'required' },
      { name: 'Name', type: anc(30), presence: 'required' },
      { name: 'IDType', type: code(ID_TYPES), presence: 'required' },
      { name: 'IDNum', type: anc(20), presence: 'required' },
      { name: 'MngmtOrgCode', type: an(14, 14), presence: 'required' },
    ],
  }),
  AcctBsInfSgmt: segment<AcctBsInfSgmt>({
    tag: 'AcctBsInfSgmt',
    letter: 'C',
    fields: [
      { name: 'BusiLines', type: code(BUSINESS_LINES), presence: 'required' },
      { name: 'BusiDtlLines', type: code(BUSINESS_DETAIL_LINES), presence: 'required' },
      { name: 'OpenDate', type: DATE, presence: 'required' },
      { name: 'Cy', type: pattern(/^[A-Z]{3}$/), presence: 'required' },
      { name: 'AcctCredLine', type: AMOUNT, presence: 'required', scope: { only: ['R1', 'R2', 'R3'] } },
      { name: 'LoanAmt', type: AMOUNT, presence: 'required', scope: { only: ['D1', 'R4', 'C1'] } },
      { name: 'Flag', type: code(DISBURSEMENT_FLAGS), presence: 'required', scope: { only: ['D1'] } },
      { name: 'DueDate', type: DATE, presence: 'required', scope: NOT_C1 },
      { name: 'RepayMode', type: code(REPAY_MODES), presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'RepayFreqcy', type: code(REPAY_FREQUENCIES), presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'RepayPrd', type: PERIODS, presence: 'required', scope: { only: ['D1', 'R4'] } },
      { name: 'ApplyBusiDist', type: pattern(/^\d{6}$/), presence: 'required', scope: NOT_C1 },
      { name: 'GuarMode', type: code(GUARANTEE_MODES), presence: 'required', scope: NOT_C1 },
      { name: 'OthRepyGuarWay', type: code(OTHER_REPAYMENT_GUARANTEES), presence: 'required', scope: NOT_C1 },
      { name: 'AssetTrandFlag', type: code(ASSET_TRANSFER_FLAGS), presence: 'required', scope: NOT_C1 },
      { name: 'FundSou', type: code(FUND_SOURCES), presence: 'required', scope: NOT_C1 },
      { name: 'LoanForm', type: code(LOAN_FORMS), presence: 'required', scope: NOT_C1 },
      { name: 'CreditID', type: an(4, 4), presence: 'required', scope: { only: ['R2', 'R3'] } },
      { name: 'LoanConCode', type: anc(200), presence: 'optional' },
      { name: 'FirstHouLoanFlag', type: code(FIRST_HOUSE_LOAN_FLAGS), presence: 'optional' },
    ],
  }),
  AcctCredSgmt: segment<AcctCredSgmt>({
    tag: 'AcctCredSgmt',
    letter: 'F',
    fields: [{ name: 'Mcc', type: an(60, 14), presence: 'required' }],
  }),
  AcctMthlyBlgInfSgmt: segment<AcctMthlyBlgInfSgmt>({
    tag: 'AcctMthlyBlgInfSgmt',
    letter: 'H',
    fields: [
      { name: 'Month', type: MONTH, presence: 'required' },
      { name: 'SettDate', type: DATE, presence: 'optional' },
      { name: 'AcctStatus', type: code(ACCOUNT_STATUSES), presence: 'required' },
      { name: 'AcctBal', type: AMOUNT, presence: 'required' },
      { name: 'PridAcctBal', type: AMOUNT, presence: 'required', scope: { only: ['R2'] } },
      { name: 'UsedAmt', type: AMOUNT, presence: 'required', scope: { only: ['R2'] } },
      { name: 'NotIsuBal', type: AMOUNT, presence: 'required', scope: { only: ['R2'] } },
      { name: 'RemRepPrd', type: PERIODS, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'FiveCate', type: code(FIVE_CATEGORIES), presence: 'required' },
      { name: 'FiveCateAdjDate', type: DATE, presence: 'required' },
      { name: 'RpyStatus', type: code(REPAYMENT_STATUSES), presence: 'required' },
      { name: 'RpyPrct', type: PERIODS, presence: 'optional', scope: { only: ['R2'] } },
      { name: 'OverdPrd', type: PERIODS, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'TotOverd', type: AMOUNT, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'OverdPrinc', type: AMOUNT, presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'Oved31_60Princ', type: AMOUNT, presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'Oved61_90Princ', type: AMOUNT, presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'Oved91_180Princ', type: AMOUNT, presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'OvedPrinc180', type: AMOUNT, presence: 'required', scope: { only: ['D1', 'R1', 'R4'] } },
      { name: 'OvedrawBaOve180', type: AMOUNT, presence: 'required', scope: { only: ['R3'] } },
      { name: 'CurRpyAmt', type: AMOUNT, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'ActRpyAmt', type: AMOUNT, presence: 'required', scope: { only: LENDING_ACCOUNT_TYPES } },
      { name: 'LatRpyDate', type: DATE, presence: 'required' },
      { name: 'CloseDate', type: DATE, presence: 'optional' },
    ],
  }),
  AcctDbtInfSgmt: segment<AcctDbtInfSgmt>({
    tag: 'AcctDbtInfSgmt',
    letter: 'J',
    fields: [
      { name: 'AcctStatus', type: code(ACCOUNT_STATUSES), presence: 'required' },
      { name: 'AcctBal', type: AMOUNT, presence: 'required' },
      { name: 'FiveCate', type: code(FIVE_CATEGORIES), presence: 'required', scope: NOT_C1 },
      { name: 'FiveCateAdjDate', type: DATE, presence: 'required', scope: NOT_C1 },
      { name: 'RemRepPrd', type: PERIODS, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'RpyStatus', type: code(REPAYMENT_STATUSES), presence: 'required', scope: NOT_C1 },
      { name: 'OverdPrd', type: PERIODS, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'TotOverd', type: AMOUNT, presence: 'required', scope: LOANS_AND_R1 },
      { name: 'LatRpyAmt', type: AMOUNT, presence: 'required' },
      { name: 'LatRpyDate', type: DATE, presence: 'required' },
      { name: 'CloseDate', type: DATE, presence: 'optional' },
    ],
  }),
};

export const isModelledSegment = (tag: SegmentTag): tag is ModelledSegmentTag => Object.hasOwn(PBOC_210_SEGMENTS, tag);

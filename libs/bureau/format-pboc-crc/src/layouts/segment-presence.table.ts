import { LENDING_ACCOUNT_TYPES, type PbocAccountType, type PbocReportTimeCode } from '../code-tables';
import type { SegmentTag } from './pboc-210.model';

/**
 * One cell condition of the §2.7 matrix: for these account types (and, where given, these values
 * of segment C's Flag, BusiDtlLines or GuarMode) the segment is Mandatory or eXcluded.
 */
export interface PresenceClause {
  readonly types: readonly PbocAccountType[];
  readonly flags?: readonly string[];
  readonly detailLines?: readonly string[];
  readonly detailLinesNot?: readonly string[];
  readonly guaranteeModes?: readonly string[];
  readonly presence: 'M' | 'X';
}

/** Segment presence by report-time code (§2.7). The first matching clause decides; none → optional. */
export type SegmentPresenceTable = Readonly<Record<PbocReportTimeCode, Readonly<Partial<Record<SegmentTag, readonly PresenceClause[]>>>>>;

const ALL: readonly PbocAccountType[] = ['D1', 'R1', 'R2', 'R3', 'R4', 'C1'];
const LENDING = LENDING_ACCOUNT_TYPES;
const NOT_R3: readonly PbocAccountType[] = ['D1', 'R1', 'R2', 'R4'];

const CREDIT_LINK_AT_OPENING: readonly PresenceClause[] = [
  { types: ['R1', 'R3', 'R4'], presence: 'M' },
  { types: ['D1'], flags: ['1', '2'], presence: 'M' },
  { types: ['R2'], detailLinesNot: ['82'], presence: 'M' },
  { types: ['D1'], flags: ['0'], presence: 'X' },
  { types: ['R2'], detailLines: ['82'], presence: 'X' },
  { types: ['C1'], presence: 'X' },
];
const CREDIT_LINK_LATER: readonly PresenceClause[] = [
  { types: ['D1'], flags: ['0'], presence: 'X' },
  { types: ['R2'], detailLines: ['82'], presence: 'X' },
];
const GUARANTORS: readonly PresenceClause[] = [{ types: LENDING, guaranteeModes: ['3', '5'], presence: 'M' }];
const MONTHLY_SETTLEMENT = {
  AcctCredSgmt: CREDIT_LINK_LATER,
  OrigCreditorInfSgmt: [{ types: ALL, presence: 'X' }],
  AcctMthlyBlgInfSgmt: [{ types: LENDING, presence: 'M' }],
  SpecPrdSgmt: [{ types: ['D1', 'R1', 'R3', 'R4'], presence: 'X' }],
  AcctDbtInfSgmt: [{ types: ALL, presence: 'X' }],
} as const satisfies Partial<Record<SegmentTag, readonly PresenceClause[]>>;

export const SEGMENT_PRESENCE: SegmentPresenceTable = {
  '10': {
    AcctBsInfSgmt: [{ types: ALL, presence: 'M' }],
    RltRepymtInfSgmt: GUARANTORS,
    MotgaCltalCtrctInfSgmt: [{ types: ['C1'], presence: 'X' }],
    AcctCredSgmt: CREDIT_LINK_AT_OPENING,
    OrigCreditorInfSgmt: [
      { types: ['C1'], presence: 'M' },
      { types: LENDING, presence: 'X' },
    ],
    AcctMthlyBlgInfSgmt: [
      { types: LENDING, presence: 'M' },
      { types: ['C1'], presence: 'X' },
    ],
    SpecPrdSgmt: [{ types: ['D1', 'R1', 'R3', 'R4', 'C1'], presence: 'X' }],
    AcctDbtInfSgmt: [
      { types: ['C1'], presence: 'M' },
      { types: LENDING, presence: 'X' },
    ],
    AcctSpecTrstDspnSgmt: [{ types: LENDING, presence: 'X' }],
  },
  '31': {
    AcctBsInfSgmt: [{ types: LENDING, presence: 'M' }],
    RltRepymtInfSgmt: GUARANTORS,
    AcctCredSgmt: CREDIT_LINK_AT_OPENING,
    OrigCreditorInfSgmt: [{ types: ALL, presence: 'X' }],
    AcctMthlyBlgInfSgmt: [{ types: LENDING, presence: 'M' }],
    SpecPrdSgmt: [{ types: ['D1', 'R1', 'R3', 'R4'], presence: 'X' }],
    AcctDbtInfSgmt: [{ types: ALL, presence: 'X' }],
  },
  '30': MONTHLY_SETTLEMENT,
  '32': MONTHLY_SETTLEMENT,
  '20': {
    MotgaCltalCtrctInfSgmt: [{ types: ['C1'], presence: 'X' }],
    AcctCredSgmt: [...CREDIT_LINK_LATER, { types: ['C1'], presence: 'X' }],
    OrigCreditorInfSgmt: [{ types: LENDING, presence: 'X' }],
    AcctMthlyBlgInfSgmt: [
      { types: LENDING, presence: 'M' },
      { types: ['C1'], presence: 'X' },
    ],
    SpecPrdSgmt: [{ types: ['D1', 'R1', 'R3', 'R4', 'C1'], presence: 'X' }],
    AcctDbtInfSgmt: [
      { types: ['C1'], presence: 'M' },
      { types: LENDING, presence: 'X' },
    ],
  },
  '40': {
    AcctBsInfSgmt: [{ types: NOT_R3, presence: 'X' }],
    RltRepymtInfSgmt: [{ types: NOT_R3, presence: 'X' }],
    MotgaCltalCtrctInfSgmt: [{ types: ALL, presence: 'X' }],
    AcctCredSgmt: [{ types: ALL, presence: 'X' }],
    OrigCreditorInfSgmt: [{ types: NOT_R3, presence: 'X' }],
    AcctMthlyBlgInfSgmt: [{ types: ALL, presence: 'X' }],
    SpecPrdSgmt: [{ types: ALL, presence: 'X' }],
    AcctDbtInfSgmt: [{ types: ALL, presence: 'M' }],
    AcctSpecTrstDspnSgmt: [{ types: NOT_R3, presence: 'X' }],
  },
};

import type { XmlElement } from '../xml/xml-element';

/**
 * The 210 record as Furnish models it: one object per segment, element text as strings exactly as
 * written (absent = undefined). Segments Furnish never produces (D, E, G, I, K) are kept as parsed
 * XML so a record read from a file can still be checked for their presence and group counts.
 */
export interface AcctBsSgmt {
  readonly InfRecType: string;
  readonly AcctType: string;
  readonly AcctCode: string;
  readonly RptDate: string;
  readonly RptDateCode: string;
  readonly Name: string;
  readonly IDType: string;
  readonly IDNum: string;
  readonly MngmtOrgCode: string;
}

export interface AcctBsInfSgmt {
  readonly BusiLines: string;
  readonly BusiDtlLines: string;
  readonly OpenDate: string;
  readonly Cy: string;
  readonly AcctCredLine?: string;
  readonly LoanAmt?: string;
  readonly Flag?: string;
  readonly DueDate?: string;
  readonly RepayMode?: string;
  readonly RepayFreqcy?: string;
  readonly RepayPrd?: string;
  readonly ApplyBusiDist?: string;
  readonly GuarMode?: string;
  readonly OthRepyGuarWay?: string;
  readonly AssetTrandFlag?: string;
  readonly FundSou?: string;
  readonly LoanForm?: string;
  readonly CreditID?: string;
  readonly LoanConCode?: string;
  readonly FirstHouLoanFlag?: string;
}

export interface AcctCredSgmt {
  readonly Mcc: string;
}

export interface AcctMthlyBlgInfSgmt {
  readonly Month: string;
  readonly SettDate?: string;
  readonly AcctStatus: string;
  readonly AcctBal: string;
  readonly PridAcctBal?: string;
  readonly UsedAmt?: string;
  readonly NotIsuBal?: string;
  readonly RemRepPrd?: string;
  readonly FiveCate?: string;
  readonly FiveCateAdjDate?: string;
  readonly RpyStatus?: string;
  readonly RpyPrct?: string;
  readonly OverdPrd?: string;
  readonly TotOverd?: string;
  readonly OverdPrinc?: string;
  readonly Oved31_60Princ?: string;
  readonly Oved61_90Princ?: string;
  readonly Oved91_180Princ?: string;
  readonly OvedPrinc180?: string;
  readonly OvedrawBaOve180?: string;
  readonly CurRpyAmt?: string;
  readonly ActRpyAmt?: string;
  readonly LatRpyDate?: string;
  readonly CloseDate?: string;
}

export interface AcctDbtInfSgmt {
  readonly AcctStatus: string;
  readonly AcctBal: string;
  readonly FiveCate?: string;
  readonly FiveCateAdjDate?: string;
  readonly RemRepPrd?: string;
  readonly RpyStatus?: string;
  readonly OverdPrd?: string;
  readonly TotOverd?: string;
  readonly LatRpyAmt: string;
  readonly LatRpyDate: string;
  readonly CloseDate?: string;
}

export interface Pboc210Record {
  readonly AcctBsSgmt: AcctBsSgmt;
  readonly AcctBsInfSgmt?: AcctBsInfSgmt;
  readonly RltRepymtInfSgmt?: XmlElement;
  readonly MotgaCltalCtrctInfSgmt?: XmlElement;
  readonly AcctCredSgmt?: AcctCredSgmt;
  readonly OrigCreditorInfSgmt?: XmlElement;
  readonly AcctMthlyBlgInfSgmt?: AcctMthlyBlgInfSgmt;
  readonly SpecPrdSgmt?: XmlElement;
  readonly AcctDbtInfSgmt?: AcctDbtInfSgmt;
  readonly AcctSpecTrstDspnSgmt?: XmlElement;
}

export type SegmentTag = keyof Pboc210Record & string;
export type ModelledSegmentTag = 'AcctBsSgmt' | 'AcctBsInfSgmt' | 'AcctCredSgmt' | 'AcctMthlyBlgInfSgmt' | 'AcctDbtInfSgmt';
export type OpaqueSegmentTag = Exclude<SegmentTag, ModelledSegmentTag>;

/** `AcctMthlyBlgInfSgmt.AcctStatus` and the like: every modelled element, as a violation path. */
export type PbocFieldPath = { [S in ModelledSegmentTag]: `${S}.${keyof NonNullable<Pboc210Record[S]> & string}` }[ModelledSegmentTag];

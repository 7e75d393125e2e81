import type { Bureau } from '@furnish/shared-contracts';

/**
 * Rejection codes a bureau may return, each with the rule it names, as bureau-formats.md states it.
 * The codes are metric label values, so the set is closed: a code outside this table is still stored
 * and shown (with UNKNOWN_RULE_TEXT) but counted under the label `other`.
 *
 * - PBOC CRC: the feedback error codes of §2.7-§2.8 ([C-vendor], from the DCITS feed_back_report_code
 *   table). R2100101-R2100115 are quoted there only as a group, the segment-presence rules of §2.7;
 *   their individual texts were not read, so they share that group's text.
 * - Metro 2: no bureau code catalogue is in the spec; a Metro 2 rejection names the Base-segment
 *   field whose value was refused (moov's "is an invalid value of <Field>", §1.11), and the rule text
 *   is that field's rule in §1.5/§1.8.
 * - Baihang: its error-code catalogue is not public (§3.7 [U]); every Baihang code is `other`.
 */
export interface FeedbackCode {
  readonly code: string;
  readonly rule: string;
  /** Where bureau-formats.md states it. */
  readonly source: string;
}

const pboc = (code: string, rule: string, source: string): FeedbackCode => ({ code, rule, source });

const SEGMENT_PRESENCE = 'a segment required for this report-time code and account type is missing, or a forbidden one is present';

export const PBOC_FEEDBACK_CODES: readonly FeedbackCode[] = [
  pboc('ABE008', 'every date is within 1901-01-01..2099-12-31, every month within 1901-01..2099-12', '§2.8.1'),
  pboc('ABR001', 'RptDate must not be after the file generation date', '§2.8.2'),
  pboc('ABE007', 'RptDate must not be before OpenDate, SettDate, FiveCateAdjDate, LatRpyDate, CloseDate, SpecEfctDate or TranDate', '§2.8.2'),
  pboc('BLE008', 'with report-time code 10, RptDate − OpenDate must be under 30 days', '§2.8.3'),
  pboc('BLE009', 'DueDate must not be before OpenDate', '§2.8.3'),
  pboc('BLE005', 'SettDate and FiveCateAdjDate must not be before OpenDate', '§2.8.3'),
  pboc('BLE039', 'H.Month must be the month of RptDate or one month either side of it', '§2.8.4'),
  pboc('BLE012', "SettDate's year-month must equal Month", '§2.8.4'),
  pboc('BLE015', 'RpyStatus * requires CurRpyAmt, OverdPrd, TotOverd and PridAcctBal to be 0', '§2.8.5'),
  pboc('BLE002', 'an R2 account with RpyStatus * must leave RpyPrct empty', '§2.8.5'),
  pboc('BLE017', 'RpyStatus N or M requires OverdPrd = 0 and TotOverd = 0 (segment H)', '§2.8.6'),
  pboc('BLE018', 'RpyStatus N or M requires OverdPrd = 0 and TotOverd = 0 (segment J)', '§2.8.6'),
  pboc('BLE019', 'RpyStatus 1-7 requires OverdPrd > 0 and TotOverd > 0', '§2.8.6'),
  pboc('BLE030', 'account status 3 (D1/R1/R4) or 4 (R2/R3) requires RpyStatus C or G', '§2.8.7'),
  pboc('BLE026', 'a closed account (3/31 for D1/R1/R4, 4/41 for R2/R3) must have AcctBal 0', '§2.8.7'),
  pboc('BLE004', 'in segment H a closed account must have OverdPrd = 0 and TotOverd = 0', '§2.8.7'),
  pboc('BLE027', 'a C1 account with status 2 (ended) must have AcctBal 0', '§2.8.7'),
  pboc('BLE013', 'a bad-debt status (41/42, 51/52) requires TotOverd ≠ 0', '§2.8.8'),
  pboc('BLE014', 'an R2/R3 account with status 6 (not activated) must have AcctBal 0, RpyStatus *, OverdPrd 0 and TotOverd 0', '§2.8.9'),
  pboc('BLE023', 'an R3 account with RpyStatus * must have AcctBal 0', '§2.8.9'),
  pboc('BLE025', 'an R3 account with RpyStatus 1-7 must have AcctBal > 0', '§2.8.9'),
  pboc('BLE028', 'RepayMode 90 requires RepayFreqcy 03', '§2.8.10'),
  pboc('BLE038', 'RepayMode 21, 22, 23 or 29 (D1/R4) requires RepayPrd 0', '§2.8.10'),
  pboc('BLE035', 'BusiLines must be 2 for R2/R3 and 5 or 6 for C1', '§2.8.11'),
  pboc('BLE040', 'in segment J (code 40) LatRpyDate must equal RptDate', '§2.8.12'),
  pboc('BLE037', 'with report-time code 20 or 32 the H-segment AcctStatus must be a closed value', '§2.7'),
  pboc('ABE010', 'a repeating group count must equal the number of occurrences', '§2.8.13'),
  pboc('ABE011', 'occurrences of a repeating group must not repeat', '§2.8.13'),
  pboc('ABR002', 'two records in one file must not have the same identifying key (AcctCode)', '§2.8.14'),
  pboc('ABE002', 'AcctCode, Mcc, Ccc and MaxGuarMcc must belong to the data provider named in the file header', '§2.8.14'),
  pboc('BLR029', 'the base segment (B) is always required', '§2.7'),
  pboc('R2101214', 'the first submission of an account must carry the segments required at code 10', '§2.7'),
  pboc('R2101215', 'the first submission of an account must not carry the segments forbidden at code 10', '§2.7'),
  ...Array.from({ length: 15 }, (_, i) => pboc(`R21001${String(i + 1).padStart(2, '0')}`, SEGMENT_PRESENCE, '§2.7')),
];

const metro2 = (code: string, rule: string, source: string): FeedbackCode => ({ code, rule, source });

export const METRO2_FEEDBACK_CODES: readonly FeedbackCode[] = [
  metro2('PortfolioType', 'PortfolioType must be one of C, I, M, O, R, L', '§1.8'),
  metro2('AccountType', 'AccountType must be one of the 63 account-type codes', '§1.8'),
  metro2('AccountStatus', 'AccountStatus must be one of the 23 status codes', '§1.8'),
  metro2('PaymentRating', 'PaymentRating is required with status 05, 13, 65, 88, 89, 94, 95 and must be blank otherwise', '§1.8'),
  metro2('PaymentHistoryProfile', 'PaymentHistoryProfile must be 24 characters from 0-6, B, D, E, G, H, J, K, L, Z or space', '§1.8'),
  metro2('TermsDuration', 'TermsDuration must be LOC, REV, 001 or a number', '§1.8'),
  metro2('TermsFrequency', 'TermsFrequency must be one of D, P, W, B, E, M, L, Q, T, S, Y or blank', '§1.8'),
  metro2('SpecialComment', 'SpecialComment must be one of the special-comment codes', '§1.8'),
  metro2('CorrectionIndicator', 'CorrectionIndicator must be 0 or 1', '§1.8'),
  metro2('InterestTypeIndicator', 'InterestTypeIndicator must be F, V or blank', '§1.8'),
  metro2('SocialSecurityNumber', 'an SSN or a date of birth is required (except ECOA 2 or 5)', '§1.8'),
  metro2('DateOpened', 'DateOpened is required, not zero, not in the future', '§1.5'),
  metro2('DateAccountInformation', 'DateAccountInformation is required and falls within the current reporting month', '§1.5'),
  metro2('IdentificationNumber', 'IdentificationNumber must not be all zeros, all nines or blank', '§1.5'),
  metro2('AmountPastDue', 'AmountPastDue must be 0 when AccountStatus is 11', '§1.5'),
  metro2('DateFirstDelinquency', 'DateFirstDelinquency is required for the delinquent statuses and zero when the account is current', '§1.5'),
];

export const FEEDBACK_CODES: Readonly<Record<Bureau, readonly FeedbackCode[]>> = {
  'pboc-crc': PBOC_FEEDBACK_CODES,
  metro2: METRO2_FEEDBACK_CODES,
  baihang: [],
};

/** The metric label of a code that is not in its bureau's table. */
export const OTHER_CODE_LABEL = 'other';

export const UNKNOWN_RULE_TEXT: Readonly<Record<Bureau, string>> = {
  'pboc-crc': 'not in Furnish’s table of PBOC feedback codes (bureau-formats.md §2.7-§2.8): look it up in the CRC collection spec',
  metro2: 'not a Metro 2 Base-segment field Furnish knows (bureau-formats.md §1.5, §1.8)',
  baihang: 'Baihang’s error-code catalogue is not public (bureau-formats.md §3.7 [U]): look it up in the interface spec Baihang issued to the institution',
};

const BY_BUREAU = new Map(Object.entries(FEEDBACK_CODES).map(([bureau, codes]) => [bureau, new Map(codes.map((c) => [c.code, c]))]));

export function feedbackCode(bureau: Bureau, code: string): FeedbackCode | undefined {
  return BY_BUREAU.get(bureau)?.get(code);
}

/** The rule a code names, or the bureau's "unknown" text. */
export function ruleTextOf(bureau: Bureau, code: string): string {
  const known = feedbackCode(bureau, code);
  return known ? `${known.rule} (bureau-formats.md ${known.source})` : UNKNOWN_RULE_TEXT[bureau];
}

/** The metric label of a code: the code itself when it is in the table, `other` otherwise. */
export function codeLabelOf(bureau: Bureau, code: string): string {
  return feedbackCode(bureau, code) ? code : OTHER_CODE_LABEL;
}

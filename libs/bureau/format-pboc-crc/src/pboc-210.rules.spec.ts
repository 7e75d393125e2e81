import { buildPboc210 } from './pboc-210.builder';
import { PBOC_210_RULES, type Pboc210Context } from './pboc-210.rules';
import { validatePboc210Model } from './pboc-210.validator';
import type { Pboc210Record } from './layouts/pboc-210.model';
import { aPbocLoanOpenedRecord, aPbocStatementRecord } from './testing';

const r1Monthly = buildPboc210(aPbocStatementRecord()).record!;
const d1Opening = buildPboc210(aPbocLoanOpenedRecord()).record!;

const h = (r: Pboc210Record, change: object): Pboc210Record => ({ ...r, AcctMthlyBlgInfSgmt: { ...r.AcctMthlyBlgInfSgmt!, ...change } });
const b = (r: Pboc210Record, change: object): Pboc210Record => ({ ...r, AcctBsSgmt: { ...r.AcctBsSgmt, ...change } });
const c = (r: Pboc210Record, change: object): Pboc210Record => ({ ...r, AcctBsInfSgmt: { ...r.AcctBsInfSgmt!, ...change } });
const j = (r: Pboc210Record, change: object): Pboc210Record => {
  const { AcctMthlyBlgInfSgmt: _monthly, AcctBsInfSgmt: _basic, ...rest } = r;
  void _monthly;
  void _basic;
  return b({ ...rest, AcctDbtInfSgmt: { AcctStatus: '2', AcctBal: '100', FiveCate: '2', RemRepPrd: '0', RpyStatus: '1', OverdPrd: '1', TotOverd: '50', LatRpyAmt: '10', LatRpyDate: r.AcctBsSgmt.RptDate, ...change } }, { RptDateCode: '40' });
};
/** An R2 (card) version of the monthly record, for the card-only rules. */
const card = (r: Pboc210Record, type: 'R2' | 'R3', monthly: object): Pboc210Record => {
  const { AcctCredLine, RepayMode: _m, RepayFreqcy: _f, ...basic } = r.AcctBsInfSgmt!;
  const { OverdPrinc: _p, Oved31_60Princ: _a, Oved61_90Princ: _b, Oved91_180Princ: _c, OvedPrinc180: _d, ...rest } = r.AcctMthlyBlgInfSgmt!;
  void [_m, _f, _p, _a, _b, _c, _d];
  const perType = type === 'R2' ? { PridAcctBal: '0', UsedAmt: '0', NotIsuBal: '0' } : { OvedrawBaOve180: '0', RemRepPrd: undefined, OverdPrd: undefined, TotOverd: undefined, CurRpyAmt: undefined };
  return {
    AcctBsSgmt: { ...r.AcctBsSgmt, AcctType: type },
    AcctBsInfSgmt: { ...basic, AcctCredLine, BusiLines: '2', BusiDtlLines: type === 'R2' ? '81' : '71', CreditID: 'C001' },
    AcctMthlyBlgInfSgmt: { ...rest, ...perType, ...monthly } as Pboc210Record['AcctMthlyBlgInfSgmt'],
  };
};

/** For each rule: a record breaking it (from a valid one), the path the violation names, and a context. */
const BREAKS: Readonly<Record<string, { readonly record: Pboc210Record; readonly path: string; readonly context?: Pboc210Context }>> = {
  'pboc.210.report-date-not-after-file-date': { record: r1Monthly, context: { fileDate: '2024-05-30' }, path: 'AcctBsSgmt.RptDate' },
  'pboc.210.report-date-not-before-other-dates': { record: h(r1Monthly, { LatRpyDate: '2024-06-02' }), path: 'AcctMthlyBlgInfSgmt.LatRpyDate' },
  'pboc.210.new-account-reported-within-30-days': { record: b(d1Opening, { RptDate: '2024-02-19' }), path: 'AcctBsSgmt.RptDate' },
  'pboc.210.due-date-not-before-open-date': { record: c(r1Monthly, { DueDate: '2023-01-14' }), path: 'AcctBsInfSgmt.DueDate' },
  'pboc.210.dates-not-before-open-date': { record: h(r1Monthly, { FiveCateAdjDate: '2023-01-01' }), path: 'AcctMthlyBlgInfSgmt.FiveCateAdjDate' },
  'pboc.210.month-near-report-date': { record: h(r1Monthly, { Month: '2024-03', SettDate: undefined }), path: 'AcctMthlyBlgInfSgmt.Month' },
  'pboc.210.settlement-date-in-month': { record: h(r1Monthly, { SettDate: '2024-04-30' }), path: 'AcctMthlyBlgInfSgmt.SettDate' },
  'pboc.210.nothing-due-means-zero-amounts': { record: h(r1Monthly, { RpyStatus: '*' }), path: 'AcctMthlyBlgInfSgmt.CurRpyAmt' },
  'pboc.210.card-nothing-due-no-percentage': { record: card(r1Monthly, 'R2', { RpyStatus: '*', CurRpyAmt: '0', RpyPrct: '10' }), path: 'AcctMthlyBlgInfSgmt.RpyPrct' },
  'pboc.210.paid-means-nothing-overdue': { record: h(r1Monthly, { OverdPrd: '1' }), path: 'AcctMthlyBlgInfSgmt.OverdPrd' },
  'pboc.210.overdue-means-overdue-amounts': { record: h(r1Monthly, { RpyStatus: '2' }), path: 'AcctMthlyBlgInfSgmt.OverdPrd' },
  'pboc.210.closed-repayment-status': { record: h(r1Monthly, { AcctStatus: '3', AcctBal: '0', CloseDate: '2024-05-31' }), path: 'AcctMthlyBlgInfSgmt.RpyStatus' },
  'pboc.210.closed-zero-balance': { record: h(r1Monthly, { AcctStatus: '3', RpyStatus: 'C', CloseDate: '2024-05-31' }), path: 'AcctMthlyBlgInfSgmt.AcctBal' },
  'pboc.210.closed-nothing-overdue': { record: h(r1Monthly, { AcctStatus: '31', AcctBal: '0', RpyStatus: 'C', OverdPrd: '1', CloseDate: '2024-05-31' }), path: 'AcctMthlyBlgInfSgmt.OverdPrd' },
  'pboc.210.collection-ended-zero-balance': {
    record: { AcctBsSgmt: { ...r1Monthly.AcctBsSgmt, AcctType: 'C1', RptDateCode: '20' }, AcctDbtInfSgmt: { AcctStatus: '2', AcctBal: '5', LatRpyAmt: '1', LatRpyDate: '2024-05-31' } },
    path: 'AcctDbtInfSgmt.AcctBal',
  },
  'pboc.210.bad-debt-has-overdue': { record: h(r1Monthly, { AcctStatus: '42', RpyStatus: 'B', FiveCate: '5' }), path: 'AcctMthlyBlgInfSgmt.TotOverd' },
  'pboc.210.inactive-card-zeros': { record: card(r1Monthly, 'R2', { AcctStatus: '6', RpyStatus: '*', CurRpyAmt: '0' }), path: 'AcctMthlyBlgInfSgmt.AcctBal' },
  'pboc.210.quasi-card-nothing-due-zero-balance': { record: card(r1Monthly, 'R3', { RpyStatus: '*' }), path: 'AcctMthlyBlgInfSgmt.AcctBal' },
  'pboc.210.quasi-card-overdue-has-balance': { record: card(r1Monthly, 'R3', { RpyStatus: '2', AcctBal: '0' }), path: 'AcctMthlyBlgInfSgmt.AcctBal' },
  'pboc.210.summary-repay-mode-monthly': { record: c(r1Monthly, { RepayMode: '90', RepayFreqcy: '04' }), path: 'AcctBsInfSgmt.RepayFreqcy' },
  'pboc.210.non-instalment-zero-periods': { record: c(d1Opening, { RepayMode: '21' }), path: 'AcctBsInfSgmt.RepayPrd' },
  'pboc.210.business-line-for-account-type': { record: c(card(r1Monthly, 'R2', {}), { BusiLines: '1' }), path: 'AcctBsInfSgmt.BusiLines' },
  'pboc.210.recovery-dated-on-report-date': { record: j(r1Monthly, { LatRpyDate: '2024-05-30' }), path: 'AcctDbtInfSgmt.LatRpyDate' },
  'pboc.210.closing-code-closed-status': { record: b(r1Monthly, { RptDateCode: '32' }), path: 'AcctMthlyBlgInfSgmt.AcctStatus' },
  'pboc.210.resident-id-checksum': { record: b(r1Monthly, { IDNum: '33010619900307123X' }), path: 'AcctBsSgmt.IDNum' },
  'pboc.210.housing-loan-contract': { record: c(r1Monthly, { LoanConCode: 'HT-2023-1' }), path: 'AcctBsInfSgmt.LoanConCode' },
  'pboc.210.overdue-principal-within-total': { record: h(r1Monthly, { Oved31_60Princ: '5' }), path: 'AcctMthlyBlgInfSgmt.OverdPrinc' },
  'pboc.210.codes-carry-institution': { record: r1Monthly, context: { institutionCode: 'B000000000000X' }, path: 'AcctBsSgmt.AcctCode' },
  'pboc.210.closed-has-close-date': { record: h(r1Monthly, { AcctStatus: '3', AcctBal: '0', RpyStatus: 'C' }), path: 'AcctMthlyBlgInfSgmt.CloseDate' },
};

describe('210 cross-field rules', () => {
  it('the valid records pass every rule', () => {
    expect(validatePboc210Model(r1Monthly)).toEqual([]);
    expect(validatePboc210Model(d1Opening)).toEqual([]);
  });

  it('every rule has a breaking case below, and every case a rule', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(PBOC_210_RULES.map((r) => r.id).sort());
  });

  it.each(Object.entries(BREAKS))('%s is reported when broken', (ruleId, { record, path, context }) => {
    expect(validatePboc210Model(record, context)).toContainEqual(expect.objectContaining({ ruleId, path }));
  });

  it('the card fixtures themselves are valid R2/R3 records', () => {
    expect(validatePboc210Model(card(r1Monthly, 'R2', {}))).toEqual([]);
    expect(validatePboc210Model(card(r1Monthly, 'R3', { RpyStatus: 'N' }))).toEqual([]);
  });

  it('a rule is skipped when a field it reads is already invalid (no cascades)', () => {
    const violations = validatePboc210Model(h(r1Monthly, { RpyStatus: '?' }));
    expect(violations).toEqual([{ ruleId: 'pboc.210.code-table', path: 'AcctMthlyBlgInfSgmt.RpyStatus', code: 'not-in-code-table' }]);
  });
});

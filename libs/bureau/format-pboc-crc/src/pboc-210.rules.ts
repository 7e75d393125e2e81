import { defineRules, type RuleFailure } from '@furnish/bureau-domain';
import { epochDayOf, isValidPrcResidentId, toLocalDate } from '@furnish/shared-contracts';
import {
  BAD_DEBT_STATUSES,
  CLOSED_STATUSES,
  HOUSING_LOAN_DETAIL_LINE,
  MONTHLY_REPAY_FREQUENCY,
  NON_INSTALMENT_REPAY_MODES,
  OVERDUE_REPAYMENT_STATUSES,
  RESIDENT_ID_TYPE,
  SUMMARY_REPAY_MODE,
  type PbocAccountType,
} from './code-tables';
import type { AcctDbtInfSgmt, AcctMthlyBlgInfSgmt, Pboc210Record, PbocFieldPath } from './layouts/pboc-210.model';

/** What a record is checked against beyond itself; absent members skip their rules. */
export interface Pboc210Context {
  /** 'YYYY-MM-DD': the file's generation date (RptDate may not be later, ABR001). */
  readonly fileDate?: string;
  /** The data provider's 14-character code: AcctCode and Mcc must start with it (ABE002). */
  readonly institutionCode?: string;
}

type Path = PbocFieldPath;
const H = 'AcctMthlyBlgInfSgmt';
const J = 'AcctDbtInfSgmt';

const typeOf = (r: Pboc210Record): PbocAccountType => r.AcctBsSgmt.AcctType as PbocAccountType;
const present = (v: string | undefined): v is string => v !== undefined && v !== '';
const isZero = (v: string | undefined): boolean => !present(v) || Number(v) === 0;
const monthIndex = (yyyyMm: string): number => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7));

/** The monthly (H) and non-monthly (J) segments, with their path prefix, for rules that apply to both. */
function performanceSegments(r: Pboc210Record): { prefix: typeof H | typeof J; segment: AcctMthlyBlgInfSgmt | AcctDbtInfSgmt }[] {
  const found: { prefix: typeof H | typeof J; segment: AcctMthlyBlgInfSgmt | AcctDbtInfSgmt }[] = [];
  if (r.AcctMthlyBlgInfSgmt) found.push({ prefix: H, segment: r.AcctMthlyBlgInfSgmt });
  if (r.AcctDbtInfSgmt) found.push({ prefix: J, segment: r.AcctDbtInfSgmt });
  return found;
}

const failuresOrNull = (failures: RuleFailure<Path>[]): RuleFailure<Path>[] | null => (failures.length > 0 ? failures : null);

/** Cross-field rules of the 210 record (bureau-formats.md §2.8, §5.2 rules 9-14); CRC rule codes in `ref`. */
export const PBOC_210_RULES = defineRules<Pboc210Record, Path, Pboc210Context>([
  {
    id: 'pboc.210.report-date-not-after-file-date',
    ref: '§2.8 item 2, ABR001',
    fields: ['AcctBsSgmt.RptDate'],
    check: (r, c) => (c.fileDate && r.AcctBsSgmt.RptDate > c.fileDate ? 'after-file-date' : null),
  },
  {
    id: 'pboc.210.report-date-not-before-other-dates',
    ref: '§2.8 item 2, ABE007',
    fields: [
      'AcctBsSgmt.RptDate',
      'AcctBsInfSgmt.OpenDate',
      'AcctMthlyBlgInfSgmt.SettDate',
      'AcctMthlyBlgInfSgmt.FiveCateAdjDate',
      'AcctMthlyBlgInfSgmt.LatRpyDate',
      'AcctMthlyBlgInfSgmt.CloseDate',
      'AcctDbtInfSgmt.FiveCateAdjDate',
      'AcctDbtInfSgmt.LatRpyDate',
      'AcctDbtInfSgmt.CloseDate',
    ],
    check: (r) => {
      const dates: [Path, string | undefined][] = [
        ['AcctBsInfSgmt.OpenDate', r.AcctBsInfSgmt?.OpenDate],
        ['AcctMthlyBlgInfSgmt.SettDate', r.AcctMthlyBlgInfSgmt?.SettDate],
        ['AcctMthlyBlgInfSgmt.FiveCateAdjDate', r.AcctMthlyBlgInfSgmt?.FiveCateAdjDate],
        ['AcctMthlyBlgInfSgmt.LatRpyDate', r.AcctMthlyBlgInfSgmt?.LatRpyDate],
        ['AcctMthlyBlgInfSgmt.CloseDate', r.AcctMthlyBlgInfSgmt?.CloseDate],
        ['AcctDbtInfSgmt.FiveCateAdjDate', r.AcctDbtInfSgmt?.FiveCateAdjDate],
        ['AcctDbtInfSgmt.LatRpyDate', r.AcctDbtInfSgmt?.LatRpyDate],
        ['AcctDbtInfSgmt.CloseDate', r.AcctDbtInfSgmt?.CloseDate],
      ];
      return failuresOrNull(dates.filter(([, d]) => present(d) && d > r.AcctBsSgmt.RptDate).map(([field]) => ({ field, code: 'after-report-date' })));
    },
  },
  {
    id: 'pboc.210.new-account-reported-within-30-days',
    ref: '§2.8 item 3, BLE008',
    fields: ['AcctBsSgmt.RptDate', 'AcctBsInfSgmt.OpenDate', 'AcctBsSgmt.RptDateCode'],
    check: (r) => {
      const open = r.AcctBsInfSgmt?.OpenDate;
      if (r.AcctBsSgmt.RptDateCode !== '10' || !present(open)) return null;
      return epochDayOf(toLocalDate(r.AcctBsSgmt.RptDate)) - epochDayOf(toLocalDate(open)) > 29 ? 'too-late-for-new-account' : null;
    },
  },
  {
    id: 'pboc.210.due-date-not-before-open-date',
    ref: '§2.8 item 3, BLE009',
    fields: ['AcctBsInfSgmt.DueDate', 'AcctBsInfSgmt.OpenDate'],
    check: (r) => (present(r.AcctBsInfSgmt?.DueDate) && r.AcctBsInfSgmt.DueDate < r.AcctBsInfSgmt.OpenDate ? 'before-open-date' : null),
  },
  {
    id: 'pboc.210.dates-not-before-open-date',
    ref: '§2.8 item 3, BLE005',
    fields: ['AcctMthlyBlgInfSgmt.SettDate', 'AcctMthlyBlgInfSgmt.FiveCateAdjDate', 'AcctDbtInfSgmt.FiveCateAdjDate', 'AcctBsInfSgmt.OpenDate'],
    check: (r) => {
      const open = r.AcctBsInfSgmt?.OpenDate;
      if (!present(open)) return null;
      const dates: [Path, string | undefined][] = [
        ['AcctMthlyBlgInfSgmt.SettDate', r.AcctMthlyBlgInfSgmt?.SettDate],
        ['AcctMthlyBlgInfSgmt.FiveCateAdjDate', r.AcctMthlyBlgInfSgmt?.FiveCateAdjDate],
        ['AcctDbtInfSgmt.FiveCateAdjDate', r.AcctDbtInfSgmt?.FiveCateAdjDate],
      ];
      return failuresOrNull(dates.filter(([, d]) => present(d) && d < open).map(([field]) => ({ field, code: 'before-open-date' })));
    },
  },
  {
    id: 'pboc.210.month-near-report-date',
    ref: '§2.8 item 4, BLE039',
    fields: ['AcctMthlyBlgInfSgmt.Month', 'AcctBsSgmt.RptDate'],
    check: (r) => {
      const month = r.AcctMthlyBlgInfSgmt?.Month;
      return present(month) && Math.abs(monthIndex(month) - monthIndex(r.AcctBsSgmt.RptDate)) > 1 ? 'more-than-one-month-from-report-date' : null;
    },
  },
  {
    id: 'pboc.210.settlement-date-in-month',
    ref: '§2.8 item 4, BLE012',
    fields: ['AcctMthlyBlgInfSgmt.SettDate', 'AcctMthlyBlgInfSgmt.Month'],
    check: (r) => (present(r.AcctMthlyBlgInfSgmt?.SettDate) && r.AcctMthlyBlgInfSgmt.SettDate.slice(0, 7) !== r.AcctMthlyBlgInfSgmt.Month ? 'not-in-month' : null),
  },
  {
    id: 'pboc.210.nothing-due-means-zero-amounts',
    ref: '§2.8 item 5, BLE015',
    fields: ['AcctMthlyBlgInfSgmt.CurRpyAmt', 'AcctMthlyBlgInfSgmt.OverdPrd', 'AcctMthlyBlgInfSgmt.TotOverd', 'AcctMthlyBlgInfSgmt.PridAcctBal', 'AcctMthlyBlgInfSgmt.RpyStatus'],
    check: (r) => {
      const h = r.AcctMthlyBlgInfSgmt;
      if (h?.RpyStatus !== '*') return null;
      const amounts = ['CurRpyAmt', 'OverdPrd', 'TotOverd', 'PridAcctBal'] as const;
      return failuresOrNull(amounts.filter((f) => !isZero(h[f])).map((f) => ({ field: `${H}.${f}` as Path, code: 'must-be-zero-when-nothing-due' })));
    },
  },
  {
    id: 'pboc.210.card-nothing-due-no-percentage',
    ref: '§2.8 item 5, BLE002',
    fields: ['AcctMthlyBlgInfSgmt.RpyPrct', 'AcctMthlyBlgInfSgmt.RpyStatus', 'AcctBsSgmt.AcctType'],
    check: (r) => (typeOf(r) === 'R2' && r.AcctMthlyBlgInfSgmt?.RpyStatus === '*' && present(r.AcctMthlyBlgInfSgmt.RpyPrct) ? 'must-be-empty-when-nothing-due' : null),
  },
  {
    id: 'pboc.210.paid-means-nothing-overdue',
    ref: '§2.8 item 6, BLE017 (H), BLE018 (J)',
    fields: ['AcctMthlyBlgInfSgmt.OverdPrd', 'AcctMthlyBlgInfSgmt.TotOverd', 'AcctMthlyBlgInfSgmt.RpyStatus', 'AcctDbtInfSgmt.OverdPrd', 'AcctDbtInfSgmt.TotOverd', 'AcctDbtInfSgmt.RpyStatus'],
    check: (r) =>
      failuresOrNull(
        performanceSegments(r)
          .filter(({ segment }) => segment.RpyStatus === 'N' || segment.RpyStatus === 'M')
          .flatMap(({ prefix, segment }) =>
            (['OverdPrd', 'TotOverd'] as const).filter((f) => !isZero(segment[f])).map((f) => ({ field: `${prefix}.${f}` as Path, code: 'must-be-zero-when-paid' })),
          ),
      ),
  },
  {
    id: 'pboc.210.overdue-means-overdue-amounts',
    ref: '§2.8 item 6, BLE019',
    fields: ['AcctMthlyBlgInfSgmt.OverdPrd', 'AcctMthlyBlgInfSgmt.TotOverd', 'AcctMthlyBlgInfSgmt.RpyStatus', 'AcctDbtInfSgmt.OverdPrd', 'AcctDbtInfSgmt.TotOverd', 'AcctDbtInfSgmt.RpyStatus'],
    check: (r) =>
      failuresOrNull(
        performanceSegments(r)
          .filter(({ segment }) => OVERDUE_REPAYMENT_STATUSES.includes(segment.RpyStatus ?? ''))
          .flatMap(({ prefix, segment }) =>
            (['OverdPrd', 'TotOverd'] as const).filter((f) => isZero(segment[f])).map((f) => ({ field: `${prefix}.${f}` as Path, code: 'must-be-positive-when-overdue' })),
          ),
      ),
  },
  {
    id: 'pboc.210.closed-repayment-status',
    ref: '§2.8 item 7, BLE030',
    fields: ['AcctMthlyBlgInfSgmt.RpyStatus', 'AcctMthlyBlgInfSgmt.AcctStatus', 'AcctDbtInfSgmt.RpyStatus', 'AcctDbtInfSgmt.AcctStatus'],
    check: (r) => {
      const closed = ['R2', 'R3'].includes(typeOf(r)) ? '4' : '3';
      return failuresOrNull(
        performanceSegments(r)
          .filter(({ segment }) => segment.AcctStatus === closed && !['C', 'G'].includes(segment.RpyStatus ?? ''))
          .map(({ prefix }) => ({ field: `${prefix}.RpyStatus` as Path, code: 'must-be-c-or-g-when-closed' })),
      );
    },
  },
  {
    id: 'pboc.210.closed-zero-balance',
    ref: '§2.8 item 7, BLE026',
    fields: ['AcctMthlyBlgInfSgmt.AcctBal', 'AcctMthlyBlgInfSgmt.AcctStatus', 'AcctDbtInfSgmt.AcctBal', 'AcctDbtInfSgmt.AcctStatus'],
    check: (r) =>
      failuresOrNull(
        performanceSegments(r)
          .filter(({ segment }) => (CLOSED_STATUSES[typeOf(r)] ?? []).includes(segment.AcctStatus) && !isZero(segment.AcctBal))
          .map(({ prefix }) => ({ field: `${prefix}.AcctBal` as Path, code: 'must-be-zero-when-closed' })),
      ),
  },
  {
    id: 'pboc.210.closed-nothing-overdue',
    ref: '§2.8 item 7, BLE004',
    fields: ['AcctMthlyBlgInfSgmt.OverdPrd', 'AcctMthlyBlgInfSgmt.TotOverd', 'AcctMthlyBlgInfSgmt.AcctStatus'],
    check: (r) => {
      const h = r.AcctMthlyBlgInfSgmt;
      const closed = ['R2', 'R3'].includes(typeOf(r)) ? ['4'] : ['3', '31'];
      if (!h || !closed.includes(h.AcctStatus)) return null;
      return failuresOrNull((['OverdPrd', 'TotOverd'] as const).filter((f) => !isZero(h[f])).map((f) => ({ field: `${H}.${f}` as Path, code: 'must-be-zero-when-closed' })));
    },
  },
  {
    id: 'pboc.210.collection-ended-zero-balance',
    ref: '§2.8 item 7, BLE027',
    fields: ['AcctDbtInfSgmt.AcctBal', 'AcctDbtInfSgmt.AcctStatus'],
    check: (r) => (typeOf(r) === 'C1' && r.AcctDbtInfSgmt?.AcctStatus === '2' && !isZero(r.AcctDbtInfSgmt.AcctBal) ? 'must-be-zero-when-collection-ended' : null),
  },
  {
    id: 'pboc.210.bad-debt-has-overdue',
    ref: '§2.8 item 8, BLE013',
    fields: ['AcctMthlyBlgInfSgmt.TotOverd', 'AcctMthlyBlgInfSgmt.AcctStatus', 'AcctDbtInfSgmt.TotOverd', 'AcctDbtInfSgmt.AcctStatus'],
    check: (r) =>
      failuresOrNull(
        performanceSegments(r)
          .filter(({ segment }) => (BAD_DEBT_STATUSES[typeOf(r)] ?? []).includes(segment.AcctStatus) && isZero(segment.TotOverd))
          .map(({ prefix }) => ({ field: `${prefix}.TotOverd` as Path, code: 'must-be-positive-for-bad-debt' })),
      ),
  },
  {
    id: 'pboc.210.inactive-card-zeros',
    ref: '§2.8 item 9, BLE014',
    fields: ['AcctMthlyBlgInfSgmt.AcctBal', 'AcctMthlyBlgInfSgmt.RpyStatus', 'AcctMthlyBlgInfSgmt.OverdPrd', 'AcctMthlyBlgInfSgmt.TotOverd', 'AcctMthlyBlgInfSgmt.AcctStatus'],
    check: (r) => {
      const h = r.AcctMthlyBlgInfSgmt;
      if (!h || !['R2', 'R3'].includes(typeOf(r)) || h.AcctStatus !== '6') return null;
      const failures: RuleFailure<Path>[] = (['AcctBal', 'OverdPrd', 'TotOverd'] as const)
        .filter((f) => !isZero(h[f]))
        .map((f) => ({ field: `${H}.${f}` as Path, code: 'must-be-zero-when-inactive' }));
      if (h.RpyStatus !== '*') failures.push({ field: `${H}.RpyStatus`, code: 'must-be-star-when-inactive' });
      return failuresOrNull(failures);
    },
  },
  {
    id: 'pboc.210.quasi-card-nothing-due-zero-balance',
    ref: '§2.8 item 9, BLE023',
    fields: ['AcctMthlyBlgInfSgmt.AcctBal', 'AcctMthlyBlgInfSgmt.RpyStatus'],
    check: (r) => (typeOf(r) === 'R3' && r.AcctMthlyBlgInfSgmt?.RpyStatus === '*' && !isZero(r.AcctMthlyBlgInfSgmt.AcctBal) ? 'must-be-zero-when-nothing-due' : null),
  },
  {
    id: 'pboc.210.quasi-card-overdue-has-balance',
    ref: '§2.8 item 9, BLE025',
    fields: ['AcctMthlyBlgInfSgmt.AcctBal', 'AcctMthlyBlgInfSgmt.RpyStatus'],
    check: (r) =>
      typeOf(r) === 'R3' && OVERDUE_REPAYMENT_STATUSES.includes(r.AcctMthlyBlgInfSgmt?.RpyStatus ?? '') && isZero(r.AcctMthlyBlgInfSgmt?.AcctBal) ? 'must-be-positive-when-overdue' : null,
  },
  {
    id: 'pboc.210.summary-repay-mode-monthly',
    ref: '§2.8 item 10, BLE028',
    fields: ['AcctBsInfSgmt.RepayFreqcy', 'AcctBsInfSgmt.RepayMode'],
    check: (r) => (r.AcctBsInfSgmt?.RepayMode === SUMMARY_REPAY_MODE && r.AcctBsInfSgmt.RepayFreqcy !== MONTHLY_REPAY_FREQUENCY ? 'must-be-monthly' : null),
  },
  {
    id: 'pboc.210.non-instalment-zero-periods',
    ref: '§2.8 item 10, BLE038',
    fields: ['AcctBsInfSgmt.RepayPrd', 'AcctBsInfSgmt.RepayMode'],
    check: (r) =>
      ['D1', 'R4'].includes(typeOf(r)) && NON_INSTALMENT_REPAY_MODES.includes(r.AcctBsInfSgmt?.RepayMode ?? '') && !isZero(r.AcctBsInfSgmt?.RepayPrd) ? 'must-be-zero' : null,
  },
  {
    id: 'pboc.210.business-line-for-account-type',
    ref: '§2.8 item 11, BLE035',
    fields: ['AcctBsInfSgmt.BusiLines', 'AcctBsSgmt.AcctType'],
    check: (r) => {
      const lines = r.AcctBsInfSgmt?.BusiLines;
      if (!present(lines)) return null;
      if (['R2', 'R3'].includes(typeOf(r))) return lines === '2' ? null : 'must-be-2-for-cards';
      return typeOf(r) === 'C1' && !['5', '6'].includes(lines) ? 'must-be-5-or-6-for-collection' : null;
    },
  },
  {
    id: 'pboc.210.recovery-dated-on-report-date',
    ref: '§2.8 item 12, BLE040',
    fields: ['AcctDbtInfSgmt.LatRpyDate', 'AcctBsSgmt.RptDate'],
    check: (r) => (r.AcctDbtInfSgmt && typeOf(r) !== 'C1' && r.AcctDbtInfSgmt.LatRpyDate !== r.AcctBsSgmt.RptDate ? 'must-equal-report-date' : null),
  },
  {
    id: 'pboc.210.closing-code-closed-status',
    ref: '§2.7, BLE037',
    fields: ['AcctMthlyBlgInfSgmt.AcctStatus', 'AcctBsSgmt.RptDateCode'],
    check: (r) => {
      const h = r.AcctMthlyBlgInfSgmt;
      if (!h || !['20', '32'].includes(r.AcctBsSgmt.RptDateCode) || typeOf(r) === 'C1') return null;
      return (CLOSED_STATUSES[typeOf(r)] ?? []).includes(h.AcctStatus) ? null : 'must-be-closed-for-closing-code';
    },
  },
  {
    id: 'pboc.210.resident-id-checksum',
    ref: '§2.8 item 15, MBT_210I0000401_1',
    fields: ['AcctBsSgmt.IDNum', 'AcctBsSgmt.IDType'],
    check: (r) => (r.AcctBsSgmt.IDType === RESIDENT_ID_TYPE && !isValidPrcResidentId(r.AcctBsSgmt.IDNum.toUpperCase()) ? 'invalid-gb11643-id' : null),
  },
  {
    id: 'pboc.210.housing-loan-contract',
    ref: '§2.5 LoanConCode, FirstHouLoanFlag',
    fields: ['AcctBsInfSgmt.LoanConCode', 'AcctBsInfSgmt.FirstHouLoanFlag', 'AcctBsInfSgmt.BusiDtlLines'],
    check: (r) => {
      const c = r.AcctBsInfSgmt;
      if (!c) return null;
      const housing = c.BusiDtlLines === HOUSING_LOAN_DETAIL_LINE;
      return failuresOrNull(
        (['LoanConCode', 'FirstHouLoanFlag'] as const)
          .filter((f) => present(c[f]) !== housing)
          .map((f) => ({ field: `AcctBsInfSgmt.${f}` as Path, code: housing ? 'required-for-housing-loan' : 'only-for-housing-loan' })),
      );
    },
  },
  {
    id: 'pboc.210.overdue-principal-within-total',
    ref: '§5.2 rule 11 (design check)',
    fields: [
      'AcctMthlyBlgInfSgmt.OverdPrinc',
      'AcctMthlyBlgInfSgmt.Oved31_60Princ',
      'AcctMthlyBlgInfSgmt.Oved61_90Princ',
      'AcctMthlyBlgInfSgmt.Oved91_180Princ',
      'AcctMthlyBlgInfSgmt.OvedPrinc180',
      'AcctMthlyBlgInfSgmt.TotOverd',
    ],
    check: (r) => {
      const h = r.AcctMthlyBlgInfSgmt;
      if (!h || !present(h.OverdPrinc)) return null;
      const buckets = [h.Oved31_60Princ, h.Oved61_90Princ, h.Oved91_180Princ, h.OvedPrinc180].reduce((sum, v) => sum + Number(v ?? 0), 0);
      if (buckets > Number(h.OverdPrinc)) return 'less-than-its-buckets';
      return Number(h.OverdPrinc) > Number(h.TotOverd ?? 0) ? 'more-than-total-overdue' : null;
    },
  },
  {
    id: 'pboc.210.codes-carry-institution',
    ref: '§2.8 item 14, ABE002',
    fields: ['AcctBsSgmt.AcctCode', 'AcctCredSgmt.Mcc'],
    check: (r, c) => {
      const institution = c.institutionCode;
      if (!institution) return null;
      const codes: [Path, string | undefined][] = [
        ['AcctBsSgmt.AcctCode', r.AcctBsSgmt.AcctCode],
        ['AcctCredSgmt.Mcc', r.AcctCredSgmt?.Mcc],
      ];
      return failuresOrNull(codes.filter(([, v]) => present(v) && !v.startsWith(institution)).map(([field]) => ({ field, code: 'not-of-this-institution' })));
    },
  },
  {
    id: 'pboc.210.closed-has-close-date',
    ref: 'design check (closed accounts state when)',
    fields: ['AcctMthlyBlgInfSgmt.CloseDate', 'AcctMthlyBlgInfSgmt.AcctStatus'],
    check: (r) => {
      const h = r.AcctMthlyBlgInfSgmt;
      return h && (CLOSED_STATUSES[typeOf(r)] ?? []).includes(h.AcctStatus) && !present(h.CloseDate) ? 'required-when-closed' : null;
    },
  },
]);

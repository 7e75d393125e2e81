import { D2_RULES, D3_RULES, X2_RULES } from './baihang.rules';
import { validateBaihangModel } from './baihang-record.validator';
import type { BaihangRecordByKind, BaihangRecordKind } from './baihang-record.specs';
import { BAIHANG_FORMAT } from './baihang.format';
import { aBaihangLineOpenedRecord, aBaihangLoanOpenedRecord, aBaihangRepaymentRecord } from './testing';

const modelOf = <K extends BaihangRecordKind>(source: Parameters<typeof BAIHANG_FORMAT.format>[0]): BaihangRecordByKind[K] =>
  JSON.parse(BAIHANG_FORMAT.format(source)[0].payload) as BaihangRecordByKind[K];

const d2 = modelOf<'BAIHANG_D2'>(aBaihangLoanOpenedRecord());
const d3 = modelOf<'BAIHANG_D3'>(aBaihangRepaymentRecord());
const x2 = modelOf<'BAIHANG_X2'>(aBaihangLineOpenedRecord());

type Case = { readonly kind: BaihangRecordKind; readonly record: object; readonly path: string };
const BREAKS: Readonly<Record<string, Case>> = {
  'baihang.d2.pid-checksum': { kind: 'BAIHANG_D2', record: { ...d2, pid: '330106199003071235' }, path: 'd2.pid' },
  'baihang.d2.fixed-dates-schedule': { kind: 'BAIHANG_D2', record: { ...d2, totalTerm: 11 }, path: 'd2.targetRepayDateList' },
  'baihang.d2.fixed-period-positive': { kind: 'BAIHANG_D2', record: { ...d2, targetRepayDateType: 1, termPeriod: 0 }, path: 'd2.termPeriod' },
  'baihang.d2.dates-in-order': { kind: 'BAIHANG_D2', record: { ...d2, applyDate: '2024-01-21T00:00:00' }, path: 'd2.applyDate' },
  'baihang.d3.pid-checksum': { kind: 'BAIHANG_D3', record: { ...d3, pid: '330106199003071235' }, path: 'd3.pid' },
  'baihang.d3.overdue-status-matches-term-status': { kind: 'BAIHANG_D3', record: { ...d3, termStatus: 'overdue' }, path: 'd3.overdueStatus' },
  'baihang.d3.overdue-term-is-past-due': { kind: 'BAIHANG_D3', record: { ...d3, termStatus: 'overdue', overdueStatus: 'D3' }, path: 'd3.termStatus' },
  'baihang.d3.settled-zero-remaining': { kind: 'BAIHANG_D3', record: { ...d3, loanStatus: 3 }, path: 'd3.remainingAmount' },
  'baihang.d3.repaid-before-confirmed': { kind: 'BAIHANG_D3', record: { ...d3, realRepaymentDate: '2024-06-21T00:00:00' }, path: 'd3.realRepaymentDate' },
  'baihang.x2.pid-checksum': { kind: 'BAIHANG_X2', record: { ...x2, pid: '330106199003071235' }, path: 'x2.pid' },
  'baihang.x2.dates-in-order': { kind: 'BAIHANG_X2', record: { ...x2, dueDate: '2023-01-14' }, path: 'x2.dueDate' },
  'baihang.x2.add-iff-opening': { kind: 'BAIHANG_X2', record: { ...x2, opCode: 'M' }, path: 'x2.opCode' },
};

describe('Baihang cross-field rules', () => {
  it('the fixture records pass every rule', () => {
    expect(validateBaihangModel('BAIHANG_D2', d2)).toEqual([]);
    expect(validateBaihangModel('BAIHANG_D3', d3)).toEqual([]);
    expect(validateBaihangModel('BAIHANG_X2', x2)).toEqual([]);
  });

  it('every rule has a breaking case below, and every case a rule', () => {
    expect(Object.keys(BREAKS).sort()).toEqual([...D2_RULES, ...D3_RULES, ...X2_RULES].map((r) => r.id).sort());
  });

  it.each(Object.entries(BREAKS))('%s is reported when broken', (ruleId, { kind, record, path }) => {
    expect(validateBaihangModel(kind, record as never)).toContainEqual(expect.objectContaining({ ruleId, path }));
  });

  it('fixed-dates-schedule: the list must be ascending and end on the due date', () => {
    const list = (d2.targetRepayDateList ?? '').split(',');
    const swapped = [list[1], list[0], ...list.slice(2)].join(',');
    expect(validateBaihangModel('BAIHANG_D2', { ...d2, targetRepayDateList: swapped })).toEqual(
      expect.arrayContaining([
        { ruleId: 'baihang.d2.fixed-dates-schedule', path: 'd2.targetRepayDateList', code: 'not-ascending' },
        { ruleId: 'baihang.d2.fixed-dates-schedule', path: 'd2.firstRepaymentDate', code: 'differs-from-first-listed-date' },
      ]),
    );
    expect(validateBaihangModel('BAIHANG_D2', { ...d2, dueDate: '2025-01-21' })).toContainEqual({ ruleId: 'baihang.d2.fixed-dates-schedule', path: 'd2.dueDate', code: 'differs-from-last-listed-date' });
  });
});

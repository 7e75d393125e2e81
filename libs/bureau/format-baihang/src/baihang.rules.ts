import { defineRules, type RuleFailure } from '@furnish/bureau-domain';
import { epochDayOf, isValidPrcResidentId, type LocalDate } from '@furnish/shared-contracts';
import { FIXED_DATES, FIXED_PERIOD, LOAN_SETTLED } from './code-tables';
import type { BaihangD2Record } from './layouts/d2-record.layout';
import type { BaihangD3Record } from './layouts/d3-record.layout';
import type { BaihangX2Record } from './layouts/x2-record.layout';

const pidRule = <T extends { readonly pid: string }>(kind: string) => ({
  id: `baihang.${kind}.pid-checksum`,
  ref: '§5.3 rule 4 (GB 11643)',
  fields: ['pid'] as [keyof T & string],
  check: (r: T) => (isValidPrcResidentId(r.pid) ? null : 'invalid-gb11643-id'),
});

/** D2 cross-field rules (§5.3 rules 4 and 6). */
export const D2_RULES = defineRules<BaihangD2Record, keyof BaihangD2Record & string>([
  pidRule<BaihangD2Record>('d2'),
  {
    id: 'baihang.d2.fixed-dates-schedule',
    ref: '§5.3 rule 6',
    fields: ['targetRepayDateList', 'termPeriod', 'firstRepaymentDate', 'dueDate', 'totalTerm', 'targetRepayDateType'],
    check: (r) => {
      if (r.targetRepayDateType !== FIXED_DATES) return null;
      const failures: RuleFailure<keyof BaihangD2Record & string>[] = [];
      if (r.termPeriod !== -1) failures.push({ field: 'termPeriod', code: 'must-be-minus-one-for-fixed-dates' });
      if (r.targetRepayDateList === undefined) return [...failures, { field: 'targetRepayDateList', code: 'required-for-fixed-dates' }];
      const dates = r.targetRepayDateList.split(',');
      if (dates.length !== r.totalTerm) failures.push({ field: 'targetRepayDateList', code: 'count-differs-from-total-term' });
      if (dates.some((d, i) => i > 0 && d <= dates[i - 1])) failures.push({ field: 'targetRepayDateList', code: 'not-ascending' });
      if (dates[0] !== r.firstRepaymentDate) failures.push({ field: 'firstRepaymentDate', code: 'differs-from-first-listed-date' });
      if (dates[dates.length - 1] !== r.dueDate) failures.push({ field: 'dueDate', code: 'differs-from-last-listed-date' });
      return failures.length > 0 ? failures : null;
    },
  },
  {
    id: 'baihang.d2.fixed-period-positive',
    ref: '§5.3 rule 6',
    fields: ['termPeriod', 'targetRepayDateType'],
    check: (r) => (r.targetRepayDateType === FIXED_PERIOD && r.termPeriod <= 0 ? 'must-be-positive-for-fixed-period' : null),
  },
  {
    id: 'baihang.d2.dates-in-order',
    ref: '§5.3 rule 6 (logical order, [U] as a Baihang rule)',
    fields: ['accountOpenDate', 'applyDate', 'issueDate', 'dueDate'],
    check: (r) => {
      const failures: RuleFailure<keyof BaihangD2Record & string>[] = [];
      if (r.applyDate !== undefined && r.applyDate > r.accountOpenDate) failures.push({ field: 'applyDate', code: 'after-account-open-date' });
      if (r.accountOpenDate > r.issueDate) failures.push({ field: 'issueDate', code: 'before-account-open-date' });
      if (r.issueDate.slice(0, 10) > r.dueDate) failures.push({ field: 'dueDate', code: 'before-issue-date' });
      return failures.length > 0 ? failures : null;
    },
  },
]);

/** D3 cross-field rules (§5.3 rules 4 and 7; termNo ≤ totalTerm needs the D2 and is a file rule). */
export const D3_RULES = defineRules<BaihangD3Record, keyof BaihangD3Record & string>([
  pidRule<BaihangD3Record>('d3'),
  {
    id: 'baihang.d3.overdue-status-matches-term-status',
    ref: '§5.3 rule 7',
    fields: ['overdueStatus', 'termStatus'],
    check: (r) => {
      if (r.termStatus === 'overdue' && r.overdueStatus === '') return 'required-when-overdue';
      return r.termStatus === 'normal' && r.overdueStatus !== '' ? 'must-be-empty-when-normal' : null;
    },
  },
  {
    id: 'baihang.d3.overdue-term-is-past-due',
    ref: '§3.5 (termStatus 本期还款状态 of the term targetRepaymentDate 本期应还款日; overdueStatus 当前逾期天数)',
    fields: ['termStatus', 'targetRepaymentDate', 'overdueStatus', 'statusConfirmAt'],
    check: (r) => {
      if (r.termStatus !== 'overdue' || !/^D\d+$/.test(r.overdueStatus)) return null;
      const statusDay = r.statusConfirmAt.slice(0, 10);
      if (r.targetRepaymentDate >= statusDay) return 'term-not-yet-due';
      return epochDayOf(statusDay as LocalDate) - epochDayOf(r.targetRepaymentDate as LocalDate) === Number(r.overdueStatus.slice(1)) ? null : 'days-overdue-not-counted-from-term';
    },
  },
  {
    id: 'baihang.d3.settled-zero-remaining',
    ref: '§5.3 rule 7',
    fields: ['remainingAmount', 'loanStatus'],
    check: (r) => (r.loanStatus === LOAN_SETTLED && Number(r.remainingAmount) !== 0 ? 'must-be-zero-when-settled' : null),
  },
  {
    id: 'baihang.d3.repaid-before-confirmed',
    ref: 'design check',
    fields: ['realRepaymentDate', 'statusConfirmAt'],
    check: (r) => (r.realRepaymentDate !== undefined && r.realRepaymentDate > r.statusConfirmAt ? 'after-status-confirmation' : null),
  },
]);

/** X2 cross-field rules (§5.3 rule 4 and design checks: X2's rules are not known). */
export const X2_RULES = defineRules<BaihangX2Record, keyof BaihangX2Record & string>([
  pidRule<BaihangX2Record>('x2'),
  {
    id: 'baihang.x2.dates-in-order',
    ref: 'design check',
    fields: ['accountOpenDate', 'applyDate', 'dueDate'],
    check: (r) => {
      const failures: RuleFailure<keyof BaihangX2Record & string>[] = [];
      if (r.applyDate !== undefined && r.applyDate > r.accountOpenDate) failures.push({ field: 'applyDate', code: 'after-account-open-date' });
      if (r.dueDate !== undefined && r.dueDate < r.accountOpenDate.slice(0, 10)) failures.push({ field: 'dueDate', code: 'before-account-open-date' });
      return failures.length > 0 ? failures : null;
    },
  },
  {
    id: 'baihang.x2.add-iff-opening',
    ref: 'design check',
    fields: ['opCode', 'creditOpCode'],
    check: (r) => ((r.opCode === 'A') !== (r.creditOpCode === 1) ? 'add-only-when-opening' : null),
  },
]);

/** Baihang enumerations as the 2018-2019 client code uses them (bureau-formats.md §3.4-3.5, §5.3) [C-vendor]. */

export const OP_CODES = ['A', 'M', 'D'] as const;
/** 1 信用 2 抵押 3 质押 4 保证 5 组合 6 其他. */
export const GUARANTEE_TYPES = [1, 2, 3, 4, 5, 6] as const;
/** 1 无场景 … 13 日常消费, 99 其他. */
export const LOAN_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 99] as const;
/** 1 固定周期 2 固定日期. */
export const TARGET_REPAY_DATE_TYPES = [1, 2] as const;
export const FIXED_DATES = 2;
export const FIXED_PERIOD = 1;
export const TERM_STATUSES = ['normal', 'overdue'] as const;
/** 1 正常 2 逾期 3 结清 4 撤销. */
export const LOAN_STATUSES = [1, 2, 3, 4] as const;
export const LOAN_SETTLED = 3;

/** Batch-file section markers (§3.2, §5.3 rule 1); Furnish writes the first three. */
export const SECTION_MARKERS = {
  BAIHANG_D2: '#singleLoanAccountInfo',
  BAIHANG_D3: '#singleLoanRepayInfo',
  BAIHANG_X2: '#loopLoanAccountInfo',
} as const;
export const OTHER_SECTION_MARKERS: readonly string[] = [
  '#loanApplyInfo',
  '#singleLoanDelayInfo',
  '#loopLoanBillInfo',
  '#loopLoanBillRepayInfo',
  '#loopLoanReceiptInfo',
  '#loopLoanReceiptRepayInfo',
];

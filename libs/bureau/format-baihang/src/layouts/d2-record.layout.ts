import { GUARANTEE_TYPES, LOAN_PURPOSES, OP_CODES, TARGET_REPAY_DATE_TYPES } from '../code-tables';
import { AMOUNT, DATE, DATE_LIST, TIMESTAMP, code, defineJsonLayout, integer, text } from './json-layout';

export const REQ_ID = text(40, { pattern: /^[0-9A-Za-z]+$/ });
export const PID = text(18, { pattern: /^\d{17}[\dX]$/ });
export const MOBILE = text(11, { pattern: /^1\d{10}$/ });

/** D2 non-revolving loan account (§3.4); the optional device block is never sent. */
export interface BaihangD2Record {
  readonly reqID: string;
  readonly opCode: string;
  readonly uploadTs: string;
  readonly name: string;
  readonly pid: string;
  readonly mobile: string;
  readonly loanId: string;
  readonly originalLoanId?: string;
  readonly guaranteeType: number;
  readonly loanPurpose: number;
  readonly applyDate?: string;
  readonly accountOpenDate: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly loanAmount: string;
  readonly totalTerm: number;
  readonly targetRepayDateType: number;
  readonly termPeriod: number;
  readonly targetRepayDateList?: string;
  readonly firstRepaymentDate: string;
  readonly gracePeriod: number;
}

export const D2_LAYOUT = defineJsonLayout<BaihangD2Record>({
  id: 'baihang.d2',
  fields: [
    { name: 'reqID', type: REQ_ID, presence: 'required' },
    { name: 'opCode', type: code(OP_CODES), presence: 'required' },
    { name: 'uploadTs', type: TIMESTAMP, presence: 'required' },
    { name: 'name', type: text(30), presence: 'required' },
    { name: 'pid', type: PID, presence: 'required' },
    { name: 'mobile', type: MOBILE, presence: 'required' },
    { name: 'loanId', type: text(60), presence: 'required' },
    { name: 'originalLoanId', type: text(60), presence: 'optional' },
    { name: 'guaranteeType', type: code(GUARANTEE_TYPES), presence: 'required' },
    { name: 'loanPurpose', type: code(LOAN_PURPOSES), presence: 'required' },
    { name: 'applyDate', type: TIMESTAMP, presence: 'optional' },
    { name: 'accountOpenDate', type: TIMESTAMP, presence: 'required' },
    { name: 'issueDate', type: TIMESTAMP, presence: 'required' },
    { name: 'dueDate', type: DATE, presence: 'required' },
    { name: 'loanAmount', type: AMOUNT, presence: 'required' },
    { name: 'totalTerm', type: integer(1, 999), presence: 'required' },
    { name: 'targetRepayDateType', type: code(TARGET_REPAY_DATE_TYPES), presence: 'required' },
    { name: 'termPeriod', type: integer(-1, 366), presence: 'required' },
    { name: 'targetRepayDateList', type: DATE_LIST, presence: 'optional' },
    { name: 'firstRepaymentDate', type: DATE, presence: 'required' },
    { name: 'gracePeriod', type: integer(0, 999), presence: 'required' },
  ],
});

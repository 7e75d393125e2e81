import { LOAN_STATUSES, OP_CODES, TERM_STATUSES } from '../code-tables';
import { MOBILE, PID, REQ_ID } from './d2-record.layout';
import { AMOUNT, DATE, TIMESTAMP, code, defineJsonLayout, integer, text } from './json-layout';

/** D3 non-revolving loan repayment / post-loan state (§3.5). */
export interface BaihangD3Record {
  readonly reqID: string;
  readonly opCode: string;
  readonly uploadTs: string;
  readonly loanId: string;
  readonly name: string;
  readonly pid: string;
  readonly mobile: string;
  readonly termNo: number;
  readonly termStatus: string;
  readonly targetRepaymentDate: string;
  readonly realRepaymentDate?: string;
  readonly plannedPayment: string;
  readonly targetRepayment: string;
  readonly realRepayment: string;
  readonly overdueStatus: string;
  readonly statusConfirmAt: string;
  readonly overdueAmount: string;
  readonly remainingAmount: string;
  readonly loanStatus: number;
}

export const D3_LAYOUT = defineJsonLayout<BaihangD3Record>({
  id: 'baihang.d3',
  fields: [
    { name: 'reqID', type: REQ_ID, presence: 'required' },
    { name: 'opCode', type: code(OP_CODES), presence: 'required' },
    { name: 'uploadTs', type: TIMESTAMP, presence: 'required' },
    { name: 'loanId', type: text(60), presence: 'required' },
    { name: 'name', type: text(30), presence: 'required' },
    { name: 'pid', type: PID, presence: 'required' },
    { name: 'mobile', type: MOBILE, presence: 'required' },
    { name: 'termNo', type: integer(1, 999), presence: 'required' },
    { name: 'termStatus', type: code(TERM_STATUSES), presence: 'required' },
    { name: 'targetRepaymentDate', type: DATE, presence: 'required' },
    { name: 'realRepaymentDate', type: TIMESTAMP, presence: 'optional' },
    { name: 'plannedPayment', type: AMOUNT, presence: 'required' },
    { name: 'targetRepayment', type: AMOUNT, presence: 'required' },
    { name: 'realRepayment', type: AMOUNT, presence: 'required' },
    { name: 'overdueStatus', type: text(5, { pattern: /^D[1-9]\d{0,3}$/, allowEmpty: true }), presence: 'required' },
    { name: 'statusConfirmAt', type: TIMESTAMP, presence: 'required' },
    { name: 'overdueAmount', type: AMOUNT, presence: 'required' },
    { name: 'remainingAmount', type: AMOUNT, presence: 'required' },
    { name: 'loanStatus', type: code(LOAN_STATUSES), presence: 'required' },
  ],
});

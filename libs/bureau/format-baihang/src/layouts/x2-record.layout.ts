import { BAIHANG_X2_GUARANTEE_TYPES, BAIHANG_X2_KEYS } from '../baihang.choices';
import { OP_CODES } from '../code-tables';
import { MOBILE, PID, REQ_ID } from './d2-record.layout';
import { AMOUNT, DATE, TIMESTAMP, code, defineJsonLayout, integer, text } from './json-layout';

/** X2 revolving credit account (§3.6); its JSON keys come from BAIHANG_X2_KEYS. */
export interface BaihangX2Record {
  readonly reqID: string;
  readonly opCode: string;
  readonly uploadTs: string;
  readonly name: string;
  readonly pid: string;
  readonly mobile: string;
  readonly creditOpCode: number;
  readonly creditId: string;
  readonly guaranteeType: number;
  readonly applyDate?: string;
  readonly accountOpenDate: string;
  readonly dueDate?: string;
  readonly creditLimit: string;
  readonly creditStatus: number;
  readonly billingDay?: number;
  readonly repaymentDay?: number;
  readonly gracePeriod: number;
  readonly statusChangeTime: string;
}

const k = BAIHANG_X2_KEYS;

export const X2_LAYOUT = defineJsonLayout<BaihangX2Record>({
  id: 'baihang.x2',
  fields: [
    { name: 'reqID', key: k.reqID, type: REQ_ID, presence: 'required' },
    { name: 'opCode', key: k.opCode, type: code(OP_CODES), presence: 'required' },
    { name: 'uploadTs', key: k.uploadTs, type: TIMESTAMP, presence: 'required' },
    { name: 'name', key: k.name, type: text(30), presence: 'required' },
    { name: 'pid', key: k.pid, type: PID, presence: 'required' },
    { name: 'mobile', key: k.mobile, type: MOBILE, presence: 'required' },
    { name: 'creditOpCode', key: k.creditOpCode, type: code([1, 2, 3]), presence: 'required' },
    { name: 'creditId', key: k.creditId, type: text(60), presence: 'required' },
    { name: 'guaranteeType', key: k.guaranteeType, type: code(BAIHANG_X2_GUARANTEE_TYPES), presence: 'required' },
    { name: 'applyDate', key: k.applyDate, type: TIMESTAMP, presence: 'optional' },
    { name: 'accountOpenDate', key: k.accountOpenDate, type: TIMESTAMP, presence: 'required' },
    { name: 'dueDate', key: k.dueDate, type: DATE, presence: 'optional' },
    { name: 'creditLimit', key: k.creditLimit, type: AMOUNT, presence: 'required' },
    { name: 'creditStatus', key: k.creditStatus, type: code([1, 2, 3]), presence: 'required' },
    { name: 'billingDay', key: k.billingDay, type: integer(1, 31), presence: 'optional' },
    { name: 'repaymentDay', key: k.repaymentDay, type: integer(1, 31), presence: 'optional' },
    { name: 'gracePeriod', key: k.gracePeriod, type: integer(0, 999), presence: 'required' },
    { name: 'statusChangeTime', key: k.statusChangeTime, type: TIMESTAMP, presence: 'required' },
  ],
});

import Big from 'big.js';
import { toLocalDate } from '@furnish/shared-contracts';
import { BAIHANG_FORMAT } from '../baihang.format';
import { aBaihangRepaymentRecord } from '../testing';

/**
 * Independent check of a D3 (issue 14): the key list is transcribed by hand from bureau-formats.md
 * §3.5 (not the writer's layout table), the line is read with JSON.parse, and every value is derived
 * by hand from the fixture — a 12 × 1,066.19 loan (terms due on the 20th, 2024-02-20 … 2025-01-20)
 * paid 100.00 on 2024-06-25 while terms 4 (2024-05-20) and 5 (2024-06-20) are unpaid.
 */
const D3_KEYS_3_5 = [
  'reqID',
  'opCode',
  'uploadTs',
  'loanId',
  'name',
  'pid',
  'mobile',
  'termNo',
  'termStatus',
  'targetRepaymentDate',
  'realRepaymentDate',
  'plannedPayment',
  'targetRepayment',
  'realRepayment',
  'overdueStatus',
  'statusConfirmAt',
  'overdueAmount',
  'remainingAmount',
  'loanStatus',
];

describe('Baihang D3 for a loan with two overdue terms, hand-derived from §3.5/§5.3 (independent of the writer)', () => {
  const source = aBaihangRepaymentRecord({
    occurredAt: new Date('2024-06-25T02:00:00.000Z'),
    account: { status: 'DELINQUENT', daysPastDue: 36, amountPastDue: new Big('2132.38'), balance: new Big('7463.33'), lastPaymentDate: toLocalDate('2024-06-25'), lastPaymentAmount: new Big('100.00') },
  });
  const [formatted] = BAIHANG_FORMAT.format(source);
  const d3 = JSON.parse(formatted.payload) as Record<string, unknown>;

  it('is one JSON object with only §3.5 keys', () => {
    expect(Object.keys(d3).every((key) => D3_KEYS_3_5.includes(key))).toBe(true);
    expect(formatted.payload).not.toMatch(/[\r\n]/); // §5.3-1: one object per line
  });

  it('holds the hand-derived values', () => {
    expect(d3).toEqual({
      reqID: expect.stringMatching(/^[0-9A-Za-z]{1,40}$/), // §5.3-2
      opCode: 'A', // §3.5/§5.3-2: a new repayment record is an add
      uploadTs: '2024-06-25T10:00:00', // 02:00Z = 10:00 Beijing; §5.3-3 timestamp
      loanId: 'IL0000067890',
      name: '王小明',
      pid: '330106199003071236', // §5.3-4 GB 11643
      mobile: '13800138000',
      termNo: 4, // the oldest unpaid term: 2024-06-25 − 36 days = 2024-05-20 (issue 14 rule for several overdue terms)
      termStatus: 'overdue', // §5.3-7: overdue ⇔ overdueStatus D<n>, n > 0
      targetRepaymentDate: '2024-05-20', // 本期应还款日 of term 4; §5.3-3 date
      realRepaymentDate: '2024-06-25T10:00:00', // 实际还款时间: this repayment
      plannedPayment: '1066.19', // 本期计划应还款金额: the instalment; §5.3-7 2 decimals
      targetRepayment: '2132.38', // 本期剩余应还款金额: what is still overdue
      realRepayment: '100.00', // 本次还款金额; §5.3-7 ≥ 0
      overdueStatus: 'D36', // 当前逾期天数 from 2024-05-20
      statusConfirmAt: '2024-06-25T10:00:00',
      overdueAmount: '2132.38', // 当前逾期总额
      remainingAmount: '7463.33', // 贷款余额
      loanStatus: 2, // §3.5: 2 逾期
    });
  });
});

import Big from 'big.js';
import fc from 'fast-check';
import { outboundRecordId, toLocalDate } from '@furnish/shared-contracts';
import { violationsThrownBy } from '@furnish/bureau-domain/testing';
import { BAIHANG_FORMAT } from './baihang.format';
import { validateBaihangRecord } from './baihang-record.validator';
import type { BaihangRecordKind } from './baihang-record.specs';
import { BAIHANG_FIXTURE_EVENT_ID, aBaihangLineOpenedRecord, aBaihangLoanOpenedRecord, aBaihangRepaymentRecord, arbitraryBaihangRecord } from './testing';

const json = (payload: string): Record<string, unknown> => JSON.parse(payload) as Record<string, unknown>;

describe('BAIHANG_FORMAT', () => {
  it('formats the opening of an instalment loan as a D2 with the whole schedule', () => {
    const [formatted, ...rest] = BAIHANG_FORMAT.format(aBaihangLoanOpenedRecord());
    expect(rest).toEqual([]);
    expect(formatted).toMatchObject({ recordKind: 'BAIHANG_D2', reportDate: '2024-01-20', formatVersion: 'bh-json-2019' });
    expect(json(formatted.payload)).toEqual({
      reqID: outboundRecordId(BAIHANG_FIXTURE_EVENT_ID, 'baihang', 'BAIHANG_D2'),
      opCode: 'A',
      uploadTs: '2024-01-20T14:31:00',
      name: '王小明',
      pid: '330106199003071236',
      mobile: '13800138000',
      loanId: 'IL0000067890',
      guaranteeType: 1,
      loanPurpose: 11,
      applyDate: '2024-01-20T14:30:00',
      accountOpenDate: '2024-01-20T14:30:00',
      issueDate: '2024-01-20T14:31:00',
      dueDate: '2025-01-20',
      loanAmount: '12000.00',
      totalTerm: 12,
      targetRepayDateType: 2,
      termPeriod: -1,
      targetRepayDateList: '2024-02-20,2024-03-20,2024-04-20,2024-05-20,2024-06-20,2024-07-20,2024-08-20,2024-09-20,2024-10-20,2024-11-20,2024-12-20,2025-01-20',
      firstRepaymentDate: '2024-02-20',
      gracePeriod: 3,
    });
  });

  it('formats a repayment as a D3 for the instalment it pays', () => {
    const [formatted] = BAIHANG_FORMAT.format(aBaihangRepaymentRecord());
    expect(json(formatted.payload)).toMatchObject({
      opCode: 'A',
      loanId: 'IL0000067890',
      termNo: 5,
      termStatus: 'normal',
      targetRepaymentDate: '2024-06-20',
      realRepaymentDate: '2024-06-20T09:02:03',
      plannedPayment: '1066.19',
      targetRepayment: '0.00',
      realRepayment: '1066.19',
      overdueStatus: '',
      statusConfirmAt: '2024-06-20T09:02:03',
      overdueAmount: '0.00',
      remainingAmount: '7463.33',
      loanStatus: 1,
    });
  });

  // Schedule of the fixture (hand-listed): terms 1-5 due 2024-02-20, 03-20, 04-20, 05-20, 06-20.
  it('reports the term that is overdue, not the next instalment the statement bills (issue 14)', () => {
    const statement = { periodStart: toLocalDate('2024-05-01'), periodEnd: toLocalDate('2024-05-31'), dueDate: toLocalDate('2024-06-20'), minimumDue: new Big('1066.19'), totalDue: new Big('2132.38'), amountPaidInMonth: new Big(0), instalmentNumber: 5 };
    const source = aBaihangRepaymentRecord({ eventType: 'STATEMENT_CLOSED', occurredAt: new Date('2024-05-31T08:00:00.000Z'), statement, account: { status: 'DELINQUENT', daysPastDue: 11, amountPastDue: new Big('1066.19'), lastPaymentDate: toLocalDate('2024-04-20') } });
    const [formatted] = BAIHANG_FORMAT.format(source);
    expect(formatted.reportDate).toBe('2024-05-31');
    // 2024-05-31 − 11 days = 2024-05-20 = term 4; term 5 (2024-06-20) is not yet due on 2024-05-31.
    expect(json(formatted.payload)).toMatchObject({
      termNo: 4,
      targetRepaymentDate: '2024-05-20',
      termStatus: 'overdue',
      overdueStatus: 'D11',
      plannedPayment: '1066.19',
      targetRepayment: '1066.19',
      realRepayment: '0.00',
      loanStatus: 2,
    });
    expect(json(formatted.payload)).not.toHaveProperty('realRepaymentDate');
  });

  it('with several overdue terms reports the oldest unpaid one, the term days past due count from', () => {
    // 2024-06-25 (Beijing) − 36 days = 2024-05-20 = term 4; term 5 (2024-06-20) is overdue too, and younger.
    const source = aBaihangRepaymentRecord({
      occurredAt: new Date('2024-06-25T02:00:00.000Z'),
      account: { status: 'DELINQUENT', daysPastDue: 36, amountPastDue: new Big('2132.38'), lastPaymentDate: toLocalDate('2024-06-25'), lastPaymentAmount: new Big('100.00') },
    });
    const [formatted] = BAIHANG_FORMAT.format(source);
    expect(json(formatted.payload)).toMatchObject({ termNo: 4, targetRepaymentDate: '2024-05-20', termStatus: 'overdue', overdueStatus: 'D36', targetRepayment: '2132.38', realRepayment: '100.00' });
  });

  it('rejects a negative instalment or past-due amount with the amount rule instead of sending 0.00 (issue 14)', () => {
    const violations = violationsThrownBy(() => BAIHANG_FORMAT.format(aBaihangRepaymentRecord({ account: { instalmentAmount: new Big('-1066.19') } })));
    expect(violations).toContainEqual({ ruleId: 'baihang.d3.data-type', path: 'd3.plannedPayment', code: 'negative' });
    const pastDue = violationsThrownBy(() => BAIHANG_FORMAT.format(aBaihangRepaymentRecord({ account: { status: 'DELINQUENT', daysPastDue: 31, amountPastDue: new Big('-5.00') } })));
    expect(pastDue).toContainEqual({ ruleId: 'baihang.d3.data-type', path: 'd3.overdueAmount', code: 'negative' });
    const principal = violationsThrownBy(() => BAIHANG_FORMAT.format(aBaihangLoanOpenedRecord({ account: { principal: new Big('-12000') } })));
    expect(principal).toContainEqual({ ruleId: 'baihang.d2.data-type', path: 'd2.loanAmount', code: 'negative' });
  });

  it('reports a paid-off loan as settled with nothing remaining', () => {
    const [formatted] = BAIHANG_FORMAT.format(aBaihangRepaymentRecord({ eventType: 'ACCOUNT_CLOSED', account: { status: 'CLOSED', balance: new Big(0), closedOn: toLocalDate('2024-06-20') } }));
    expect(json(formatted.payload)).toMatchObject({ loanStatus: 3, remainingAmount: '0.00', realRepayment: '1066.19', realRepaymentDate: '2024-06-20T00:00:00' });
  });

  it('formats the opening of a revolving line as an X2 (add) and a limit change as an X2 (modify)', () => {
    const [opened] = BAIHANG_FORMAT.format(aBaihangLineOpenedRecord());
    expect(json(opened.payload)).toMatchObject({ opCode: 'A', creditOpCode: 1, creditId: 'RL0000012345', creditLimit: '20000.00', creditStatus: 1, accountOpenDate: '2023-01-15T10:11:09' });
    const [changed] = BAIHANG_FORMAT.format(aBaihangLineOpenedRecord({ eventType: 'CREDIT_LIMIT_CHANGED', occurredAt: new Date('2024-03-01T08:00:00Z'), account: { creditLimit: new Big('30000') } }));
    expect(json(changed.payload)).toMatchObject({ opCode: 'M', creditOpCode: 2, creditLimit: '30000.00', accountOpenDate: '2023-01-15T10:11:09', statusChangeTime: '2024-03-01T16:00:00' });
  });

  it.each([
    ['REVOLVING_LINE', 'STATEMENT_CLOSED'],
    ['REVOLVING_LINE', 'DRAWDOWN'],
    ['REVOLVING_LINE', 'REPAYMENT'],
    ['INSTALMENT_LOAN', 'DRAWDOWN'],
    ['INSTALMENT_LOAN', 'CREDIT_LIMIT_CHANGED'],
  ] as const)('produces no record for a %s %s', (productType, eventType) => {
    const base = productType === 'REVOLVING_LINE' ? aBaihangLineOpenedRecord() : aBaihangLoanOpenedRecord();
    expect(BAIHANG_FORMAT.format({ ...base, eventType })).toEqual([]);
  });

  it('rejects borrowers Baihang cannot identify, naming the input fields', () => {
    const violations = violationsThrownBy(() => BAIHANG_FORMAT.format(aBaihangLoanOpenedRecord({ borrower: { idType: 'PASSPORT', idNumber: 'E12345678', phone: '+14155550123' } })));
    expect(violations).toEqual(
      expect.arrayContaining([
        { ruleId: 'baihang.map.pid', path: 'borrower.idType', code: 'not-a-resident-id' },
        { ruleId: 'baihang.map.mobile', path: 'borrower.phone', code: 'not-a-mainland-mobile' },
      ]),
    );
  });

  it('property: every consistent account formats into records that pass the validator', () => {
    fc.assert(
      fc.property(arbitraryBaihangRecord(), (source) => {
        for (const formatted of BAIHANG_FORMAT.format(source)) {
          expect(validateBaihangRecord(formatted.recordKind as BaihangRecordKind, formatted.payload)).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});

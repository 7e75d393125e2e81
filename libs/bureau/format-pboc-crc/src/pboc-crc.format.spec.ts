import Big from 'big.js';
import fc from 'fast-check';
import { toLocalDate } from '@furnish/shared-contracts';
import { ruleIdsOf, violationsThrownBy } from '@furnish/bureau-domain/testing';
import { readPboc210 } from './pboc-210.reader';
import { validatePboc210 } from './pboc-210.validator';
import { PBOC_CRC_FORMAT } from './pboc-crc.format';
import { aPbocLoanOpenedRecord, aPbocStatementRecord, arbitraryPbocRecord } from './testing';

const only = (records: readonly { payload: string }[]) => {
  expect(records).toHaveLength(1);
  return readPboc210(records[0].payload).record!;
};

describe('PBOC_CRC_FORMAT', () => {
  it('formats the monthly statement of a revolving line as an R1 record with code 30', () => {
    const [formatted] = PBOC_CRC_FORMAT.format(aPbocStatementRecord());
    expect(formatted).toMatchObject({ recordKind: 'PBOC_210', reportDate: '2024-05-31', formatVersion: '2.0.0' });
    expect(readPboc210(formatted.payload).record).toEqual({
      AcctBsSgmt: {
        InfRecType: '210',
        AcctType: 'R1',
        AcctCode: 'F110105000001ARL0000012345',
        RptDate: '2024-05-31',
        RptDateCode: '30',
        Name: '王小明',
        IDType: '10',
        IDNum: '330106199003071236',
        MngmtOrgCode: 'F110105000001A',
      },
      AcctBsInfSgmt: {
        BusiLines: '1',
        BusiDtlLines: '91',
        OpenDate: '2023-01-15',
        Cy: 'CNY',
        AcctCredLine: '20000',
        DueDate: '2026-01-14',
        RepayMode: '33',
        RepayFreqcy: '03',
        ApplyBusiDist: '330106',
        GuarMode: '4',
        OthRepyGuarWay: '0',
        AssetTrandFlag: '0',
        FundSou: '1',
        LoanForm: '1',
      },
      AcctMthlyBlgInfSgmt: {
        Month: '2024-05',
        SettDate: '2024-05-31',
        AcctStatus: '1',
        AcctBal: '3268',
        RemRepPrd: '0',
        FiveCate: '1',
        FiveCateAdjDate: '2024-05-31',
        RpyStatus: 'N',
        OverdPrd: '0',
        TotOverd: '0',
        OverdPrinc: '0',
        Oved31_60Princ: '0',
        Oved61_90Princ: '0',
        Oved91_180Princ: '0',
        OvedPrinc180: '0',
        CurRpyAmt: '327',
        ActRpyAmt: '2150',
        LatRpyDate: '2024-05-09',
      },
    });
  });

  it('formats the opening of an instalment loan as a D1 record with code 10 and no credit-agreement link', () => {
    const [formatted] = PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord());
    const record = readPboc210(formatted.payload).record!;
    expect(record.AcctBsSgmt).toMatchObject({ AcctType: 'D1', RptDate: '2024-01-20', RptDateCode: '10' });
    expect(record.AcctBsInfSgmt).toMatchObject({ LoanAmt: '12000', Flag: '0', RepayMode: '11', RepayPrd: '12' });
    expect(record.AcctCredSgmt).toBeUndefined();
    expect(record.AcctMthlyBlgInfSgmt).toMatchObject({ Month: '2024-01', AcctBal: '12000', RemRepPrd: '12', RpyStatus: '*', CurRpyAmt: '0' });
  });

  it('writes FiveCateAdjDate (the report date) and LatRpyDate (the open date before any repayment) on a new account (issue 14)', () => {
    const record = only(PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord()));
    // ABD000/ABE000: required elements present; ABE007: both ≤ RptDate 2024-01-20; BLE005: both ≥ OpenDate 2024-01-20.
    expect(record.AcctMthlyBlgInfSgmt).toMatchObject({ FiveCate: '1', FiveCateAdjDate: '2024-01-20', LatRpyDate: '2024-01-20', ActRpyAmt: '0' });
  });

  it('writes LatRpyDate on the monthly record of an account never paid: the open date (issue 14)', () => {
    const record = only(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ account: { lastPaymentDate: null, lastPaymentAmount: null } })));
    expect(record.AcctMthlyBlgInfSgmt).toMatchObject({ FiveCateAdjDate: '2024-05-31', LatRpyDate: '2023-01-15' });
  });

  it('rejects a negative loan amount or past-due amount with the uInt rule instead of reporting 0 (issue 14)', () => {
    const loan = violationsThrownBy(() => PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord({ account: { principal: new Big('-12000.00') } })));
    expect(loan).toContainEqual({ ruleId: 'pboc.210.data-type', path: 'AcctBsInfSgmt.LoanAmt', code: 'negative' });
    const pastDue = violationsThrownBy(() =>
      PBOC_CRC_FORMAT.format(aPbocStatementRecord({ account: { status: 'DELINQUENT', amountPastDue: new Big('-120.00'), principalPastDue: new Big('-100'), daysPastDue: 35, periodsPastDue: 1 } })),
    );
    expect(pastDue).toContainEqual({ ruleId: 'pboc.210.data-type', path: 'AcctMthlyBlgInfSgmt.OverdPrinc', code: 'negative' });
  });

  it('links a new revolving line to its credit agreement (segment F, required for R1 at code 10)', () => {
    const record = only(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ eventType: 'ACCOUNT_OPENED', occurredAt: new Date('2023-01-15T03:00:00Z'), statement: null, account: { lastPaymentDate: null, balance: new Big(0) } })));
    expect(record.AcctCredSgmt).toEqual({ Mcc: 'F110105000001ACARL0000012345' });
  });

  it('reports a closing statement with code 32 and a closure with code 20', () => {
    const closed = { status: 'CLOSED', balance: new Big(0), closedOn: toLocalDate('2024-05-31') } as const;
    expect(only(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ account: closed }))).AcctBsSgmt.RptDateCode).toBe('32');
    const closure = only(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ eventType: 'ACCOUNT_CLOSED', statement: null, account: closed })));
    expect(closure.AcctBsSgmt.RptDateCode).toBe('20');
    expect(closure.AcctBsInfSgmt).toBeUndefined();
    expect(closure.AcctMthlyBlgInfSgmt).toMatchObject({ AcctStatus: '3', AcctBal: '0', RpyStatus: 'C', CloseDate: '2024-05-31' });
  });

  it('reports a repayment on an overdue account with code 40 and segment J dated on the payment', () => {
    const record = only(
      PBOC_CRC_FORMAT.format(
        aPbocStatementRecord({
          eventType: 'REPAYMENT',
          statement: null,
          account: { status: 'DELINQUENT', amountPastDue: new Big('120.00'), principalPastDue: new Big('100'), daysPastDue: 35, periodsPastDue: 2, lastPaymentDate: toLocalDate('2024-06-03'), lastPaymentAmount: new Big('200.00') },
        }),
      ),
    );
    expect(record.AcctBsSgmt).toMatchObject({ RptDate: '2024-06-03', RptDateCode: '40' });
    expect(record.AcctMthlyBlgInfSgmt).toBeUndefined();
    expect(record.AcctDbtInfSgmt).toEqual({ AcctStatus: '2', AcctBal: '3268', FiveCate: '2', FiveCateAdjDate: '2024-06-03', RemRepPrd: '0', RpyStatus: '2', OverdPrd: '2', TotOverd: '120', LatRpyAmt: '200', LatRpyDate: '2024-06-03' });
  });

  it('splits overdue principal over the periods by their own age (monthly: 75, 45 and 15 days)', () => {
    const record = only(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ account: { status: 'DELINQUENT', amountPastDue: new Big('900.50'), principalPastDue: new Big('800.40'), daysPastDue: 75, periodsPastDue: 3 } })));
    // 800.40 → 800 yuan; 800 / 3 = 266 per period, remainder 2 to the oldest: 61-90 = 268, 31-60 = 266; the 15-day share is only in OverdPrinc.
    expect(record.AcctMthlyBlgInfSgmt).toMatchObject({ RpyStatus: '3', OverdPrd: '3', TotOverd: '901', OverdPrinc: '800', Oved31_60Princ: '266', Oved61_90Princ: '268', Oved91_180Princ: '0', OvedPrinc180: '0', FiveCate: '2' });
  });

  it('does not put 5 overdue periods all in the oldest bucket (issue 14: 150, 120, 90, 60, 30 days)', () => {
    const record = only(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ account: { status: 'DELINQUENT', amountPastDue: new Big('1100.00'), principalPastDue: new Big('1000.00'), daysPastDue: 150, periodsPastDue: 5 } })));
    // 200 per period: 91-180 holds 150 and 120 days, 61-90 holds 90, 31-60 holds 60; 30 days is in no bucket.
    expect(record.AcctMthlyBlgInfSgmt).toMatchObject({ OverdPrinc: '1000', Oved31_60Princ: '200', Oved61_90Princ: '200', Oved91_180Princ: '400', OvedPrinc180: '0' });
  });

  it.each(['DRAWDOWN', 'CREDIT_LIMIT_CHANGED', 'CHARGED_OFF'] as const)('produces no record for %s', (eventType) => {
    expect(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ eventType, statement: null }))).toEqual([]);
  });

  it('produces no record for a repayment that leaves nothing overdue', () => {
    expect(PBOC_CRC_FORMAT.format(aPbocStatementRecord({ eventType: 'REPAYMENT', statement: null }))).toEqual([]);
  });

  it('rejects a resident id with a wrong GB 11643 check digit, naming the rule and path only', () => {
    const error = (() => {
      try {
        PBOC_CRC_FORMAT.format(aPbocStatementRecord({ borrower: { idNumber: '330106199003071234' } }));
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toBe('PBOC 210 record violates 1 bureau rule(s): pboc.210.resident-id-checksum at AcctBsSgmt.IDNum (invalid-gb11643-id)');
    expect(error?.message).not.toContain('330106');
  });

  it('rejects a guaranteed loan at opening: segment D (guarantors) would be required and is not produced', () => {
    const violations = violationsThrownBy(() => PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord({ account: { guaranteeType: 'GUARANTOR' } })));
    expect(violations).toEqual([{ ruleId: 'pboc.210.segment-presence', path: 'RltRepymtInfSgmt', code: 'required-segment' }]);
  });

  it('rejects a late new-account report and unmappable repayment methods', () => {
    const late = violationsThrownBy(() => PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord({ occurredAt: new Date('2024-02-25T06:00:00Z') })));
    expect(ruleIdsOf(late)).toEqual(['pboc.210.new-account-reported-within-30-days']);
    const revolvingOnLoan = violationsThrownBy(() => PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord({ account: { repaymentMethod: 'REVOLVING' } })));
    expect(revolvingOnLoan).toContainEqual({ ruleId: 'pboc.map.repay-mode', path: 'account.repaymentMethod', code: 'not-mappable' });
  });

  it('property: every consistent account formats into records that pass the validator', () => {
    fc.assert(
      fc.property(arbitraryPbocRecord(), (source) => {
        for (const formatted of PBOC_CRC_FORMAT.format(source)) {
          expect(validatePboc210(formatted.payload, { institutionCode: 'F110105000001A' })).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});

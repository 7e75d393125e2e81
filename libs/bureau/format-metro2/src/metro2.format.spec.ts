import Big from 'big.js';
import fc from 'fast-check';
import { toLocalDate } from '@furnish/shared-contracts';
import { ruleIdsOf, violationsThrownBy } from '@furnish/bureau-domain/testing';
import { readFixedWidth } from '@furnish/shared-util-fixed-width';
import { fieldLabel } from '@furnish/shared-util-fixed-width';
import { invalidFieldSamples, replaceField } from '@furnish/shared-util-fixed-width/testing';
import { BASE_SEGMENT_LAYOUT } from './layouts/base-segment.layout';
import { validateBaseSegment } from './base-segment.validator';
import { METRO2_FORMAT } from './metro2.format';
import { aMetro2StatementRecord, arbitraryMetro2Record } from './testing';

describe('METRO2_FORMAT', () => {
  it('formats the statement event of a revolving line into one 426-character Base segment', () => {
    const [record, ...rest] = METRO2_FORMAT.format(aMetro2StatementRecord());
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ recordKind: 'METRO2_BASE', reportDate: '2024-05-31', formatVersion: 'metro2-char-426' });
    expect(record.payload).toHaveLength(426);
    // Field by field, hand-derived: independent/metro2.hand-derived.spec.ts.
  });

  it('writes every field the mapping documents', () => {
    const { record } = readFixedWidth(BASE_SEGMENT_LAYOUT, METRO2_FORMAT.format(aMetro2StatementRecord())[0].payload);
    expect(record).toMatchObject({
      recordDescriptorWord: 426,
      processingIndicator: 1,
      timeStamp: '2024-05-31T16:05:00',
      identificationNumber: '4200001234',
      consumerAccountNumber: 'RL0000012345',
      portfolioType: 'C',
      accountType: '15',
      dateOpened: '2023-01-15',
      creditLimit: 5000,
      highestCredit: 3650,
      termsDuration: 'LOC',
      termsFrequency: 'M',
      scheduledMonthlyPaymentAmount: 326,
      actualPaymentAmount: 2150,
      accountStatus: '11',
      paymentRating: '',
      paymentHistoryProfile: '00000100E000000BBBBBBBBB',
      currentBalance: 1268,
      amountPastDue: 0,
      dateAccountInformation: '2024-05-31',
      dateFirstDelinquency: null,
      dateLastPayment: '2024-05-09',
      surname: 'DOE',
      firstName: 'JANE',
      middleName: 'Q',
      socialSecurityNumber: 123456789,
      dateBirth: '1985-11-02',
      telephoneNumber: 4155550123,
      ecoaCode: '1',
      firstLineAddress: '123 MAIN ST',
      secondLineAddress: 'APT 4B',
      city: 'SPRINGFIELD',
      state: 'IL',
      zipCode: '62701',
    });
  });

  it('maps an instalment loan to I/01 with its term in months and no credit limit', () => {
    const loan = aMetro2StatementRecord({
      account: { productType: 'INSTALMENT_LOAN', creditLimit: null, principal: new Big('12000.99'), instalmentCount: 12, instalmentAmount: new Big('1066.19'), highestBalance: null },
    });
    const { record } = readFixedWidth(BASE_SEGMENT_LAYOUT, METRO2_FORMAT.format(loan)[0].payload);
    expect(record).toMatchObject({ portfolioType: 'I', accountType: '01', termsDuration: '012', creditLimit: 0, highestCredit: 12000 });
  });

  it.each([
    ['DELINQUENT 45 days', { status: 'DELINQUENT', daysPastDue: 45, amountPastDue: new Big('80.90'), dateOfFirstDelinquency: toLocalDate('2024-04-16') }, { accountStatus: '71', paymentRating: '', amountPastDue: 80, dateFirstDelinquency: '2024-04-16' }],
    ['DELINQUENT 12 days (still current)', { status: 'DELINQUENT', daysPastDue: 12, amountPastDue: new Big('80.90') }, { accountStatus: '11', amountPastDue: 0, dateFirstDelinquency: null }],
    ['DELINQUENT 200 days', { status: 'DELINQUENT', daysPastDue: 200, amountPastDue: new Big('500'), dateOfFirstDelinquency: toLocalDate('2023-11-13') }, { accountStatus: '84' }],
    ['CLOSED', { status: 'CLOSED', balance: new Big(0), closedOn: toLocalDate('2024-05-31') }, { accountStatus: '13', paymentRating: '0', dateClosed: '2024-05-31', scheduledMonthlyPaymentAmount: 0 }],
    [
      'CHARGED_OFF with a balance',
      { status: 'CHARGED_OFF', daysPastDue: 190, amountPastDue: new Big('1268.40'), chargedOffAmount: new Big('1268.40'), dateOfFirstDelinquency: toLocalDate('2023-11-13') },
      { accountStatus: '97', paymentRating: '', originalChargeOffAmount: 1268, dateFirstDelinquency: '2023-11-13' },
    ],
    [
      'CHARGED_OFF, since paid',
      { status: 'CHARGED_OFF', balance: new Big(0), amountPastDue: new Big(0), chargedOffAmount: new Big('900'), dateOfFirstDelinquency: toLocalDate('2023-11-13') },
      { accountStatus: '64', originalChargeOffAmount: 900 },
    ],
  ] as const)('reports %s with the matching status, rating and DOFD', (_, account, expected) => {
    const { record } = readFixedWidth(BASE_SEGMENT_LAYOUT, METRO2_FORMAT.format(aMetro2StatementRecord({ account }))[0].payload);
    expect(record).toMatchObject(expected);
  });

  it.each(['DRAWDOWN', 'REPAYMENT', 'CREDIT_LIMIT_CHANGED'] as const)('produces no record for %s', (eventType) => {
    expect(METRO2_FORMAT.format(aMetro2StatementRecord({ eventType, statement: null }))).toEqual([]);
  });

  it('rejects a borrower whose name has no ASCII transliteration, naming the input field, not its value', () => {
    const violations = violationsThrownBy(() => METRO2_FORMAT.format(aMetro2StatementRecord({ borrower: { familyName: '王', givenName: '小明' } })));
    expect(violations).toEqual(
      expect.arrayContaining([
        { ruleId: 'metro2.map.text', path: 'borrower.familyName', code: 'non-ascii' },
        { ruleId: 'metro2.map.text', path: 'borrower.givenName', code: 'non-ascii' },
      ]),
    );
    expect(() => METRO2_FORMAT.format(aMetro2StatementRecord({ borrower: { familyName: '王' } }))).toThrow(/^Metro 2 Base segment violates/);
  });

  it('rejects amounts in other currencies and events without a furnisher id', () => {
    const violations = violationsThrownBy(() => METRO2_FORMAT.format(aMetro2StatementRecord({ account: { currency: 'CNY' }, furnisher: { metro2IdentificationNumber: null } })));
    expect(ruleIdsOf(violations)).toEqual(['metro2.base.required', 'metro2.map.currency']);
  });

  it('property: every consistent account formats into records that pass the validator', () => {
    fc.assert(
      fc.property(arbitraryMetro2Record(), (record) => {
        for (const formatted of METRO2_FORMAT.format(record)) {
          expect(formatted.payload).toHaveLength(426);
          expect(validateBaseSegment(formatted.payload, { reportingMonth: formatted.reportDate.slice(0, 7) })).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a single corrupted field of a formatted record is reported at that field', () => {
    const cases = BASE_SEGMENT_LAYOUT.fields.flatMap((field) => invalidFieldSamples(field).map((sample) => ({ field, sample })));
    fc.assert(
      fc.property(arbitraryMetro2Record().filter((r) => r.eventType === 'STATEMENT_CLOSED'), fc.constantFrom(...cases), (record, { field, sample }) => {
        const payload = METRO2_FORMAT.format(record)[0].payload;
        const paths = validateBaseSegment(replaceField(payload, field, sample)).map((v) => v.path);
        expect(paths).toContain(`base.${fieldLabel(field)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a negative principal, amount past due or instalment amount (unsigned N fields, §1.9, §5.1-7) instead of writing 0 (issue 14)', () => {
    const violations = violationsThrownBy(() =>
      METRO2_FORMAT.format(aMetro2StatementRecord({ account: { principal: new Big('-100'), instalmentAmount: new Big('-5'), status: 'DELINQUENT', daysPastDue: 40, amountPastDue: new Big('-1') } })),
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        { ruleId: 'metro2.base.numeric', path: 'account.principal', code: 'negative' },
        { ruleId: 'metro2.base.numeric', path: 'account.instalmentAmount', code: 'negative' },
        { ruleId: 'metro2.base.numeric', path: 'account.amountPastDue', code: 'negative' },
      ]),
    );
  });

  it('reports a credit (negative) balance as CurrentBalance 0, as §1.5 defines', () => {
    const [record] = METRO2_FORMAT.format(aMetro2StatementRecord({ account: { balance: new Big('-12.34') } }));
    expect(record.payload.slice(154, 163)).toBe('000000000');
  });
});

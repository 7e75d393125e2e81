import { buildBaseSegment } from './base-segment.builder';
import { BASE_SEGMENT_RULES } from './base-segment.rules';
import { validateBaseSegmentModel } from './base-segment.validator';
import type { Metro2BaseSegment } from './layouts/base-segment.layout';
import { aMetro2StatementRecord } from './testing';

const valid: Metro2BaseSegment = buildBaseSegment(aMetro2StatementRecord()).segment;

/** For each rule: a change to the valid segment that breaks it, and where the violation must point. */
const BREAKS: Readonly<Record<string, { readonly change: Partial<Metro2BaseSegment>; readonly path: string; readonly context?: object }>> = {
  'metro2.base.identification-number-not-filler': { change: { identificationNumber: '99999' }, path: 'base.identificationNumber' },
  'metro2.base.account-number-not-ssn': { change: { consumerAccountNumber: 'AC123456789' }, path: 'base.consumerAccountNumber' },
  'metro2.base.date-opened-not-after-information-date': { change: { dateOpened: '2024-06-01' }, path: 'base.dateOpened' },
  'metro2.base.information-date-in-reporting-month': { change: {}, context: { reportingMonth: '2024-06' }, path: 'base.dateAccountInformation' },
  'metro2.base.dates-not-in-future': { change: {}, context: { asOf: '2024-05-30' }, path: 'base.dateAccountInformation' },
  'metro2.base.payment-rating-iff-status': { change: { paymentRating: '0' }, path: 'base.paymentRating' },
  'metro2.base.history-no-embedded-b': { change: { paymentHistoryProfile: '0B0000000000000000000000' }, path: 'base.paymentHistoryProfile' },
  'metro2.base.ssn-or-dob': { change: { socialSecurityNumber: 999999999, dateBirth: null }, path: 'base.socialSecurityNumber' },
  'metro2.base.past-due-zero-when-current': { change: { amountPastDue: 10 }, path: 'base.amountPastDue' },
  'metro2.base.dofd-required': { change: { accountStatus: '71' }, path: 'base.dateFirstDelinquency' },
  'metro2.base.dofd-zero-when-current': { change: { dateFirstDelinquency: '2024-01-01' }, path: 'base.dateFirstDelinquency' },
  'metro2.base.charge-off-amount-only-when-charged-off': { change: { originalChargeOffAmount: 100 }, path: 'base.originalChargeOffAmount' },
  'metro2.base.charge-off-amount-required': { change: { accountStatus: '97', dateFirstDelinquency: '2023-01-01' }, path: 'base.originalChargeOffAmount' },
  'metro2.base.portfolio-account-type': { change: { accountType: '18' }, path: 'base.accountType' },
  'metro2.base.credit-limit-by-portfolio': { change: { portfolioType: 'I', accountType: '01' }, path: 'base.creditLimit' },
};

describe('Base segment rules', () => {
  it('the valid segment passes every rule', () => {
    expect(validateBaseSegmentModel(valid)).toEqual([]);
  });

  it('every rule has a breaking case below, and every case a rule', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(BASE_SEGMENT_RULES.map((r) => r.id).sort());
  });

  it.each(Object.entries(BREAKS))('%s is reported when broken', (ruleId, { change, path, context }) => {
    const violations = validateBaseSegmentModel({ ...valid, ...change }, context);
    expect(violations).toContainEqual(expect.objectContaining({ ruleId, path }));
  });

  it('ssn-or-dob: ECOA 2 (joint) is exempt, and a date of birth alone satisfies it', () => {
    expect(validateBaseSegmentModel({ ...valid, socialSecurityNumber: 0, dateBirth: null, ecoaCode: '2' })).toEqual([]);
    expect(validateBaseSegmentModel({ ...valid, socialSecurityNumber: 0 })).toEqual([]);
  });

  it('charge-off-amount-only-when-charged-off: a DA repeating a charged-off record keeps its amount; any other status still may not', () => {
    const chargedOff = { ...valid, originalChargeOffAmount: 100, dateFirstDelinquency: '2023-01-01' };
    expect(validateBaseSegmentModel({ ...chargedOff, accountStatus: 'DA' })).toEqual([]);
    expect(validateBaseSegmentModel({ ...chargedOff, accountStatus: '13', paymentRating: '0' }).map((v) => v.ruleId)).toContain('metro2.base.charge-off-amount-only-when-charged-off');
  });

  it('dofd-required: a paid-off account that was delinquent (13 with rating 1-6) needs the DOFD', () => {
    const violations = validateBaseSegmentModel({ ...valid, accountStatus: '13', paymentRating: '2', currentBalance: 0 });
    expect(violations).toContainEqual({ ruleId: 'metro2.base.dofd-required', path: 'base.dateFirstDelinquency', code: 'required' });
  });
});

import { defineRules } from '@furnish/bureau-domain';
import {
  ACCOUNT_TYPES_BY_PORTFOLIO,
  CHARGE_OFF_STATUSES,
  DELINQUENT_PAYMENT_RATINGS,
  ECOA_CODES_WITHOUT_SSN_OR_DOB,
  STATUSES_REQUIRING_DOFD,
  STATUSES_REQUIRING_PAYMENT_RATING,
} from './code-tables';
import type { Metro2BaseSegment } from './layouts/base-segment.layout';
import { METRO2_DELETION_STATUS } from './metro2.choices';

/** What a Base record is checked against beyond itself; absent members skip their rules. */
export interface Metro2RecordContext {
  /** 'YYYY-MM': the month the file reports; Date of Account Information must fall in it. */
  readonly reportingMonth?: string;
  /** 'YYYY-MM-DD': the file's creation date; no date may be later. */
  readonly asOf?: string;
}

export type BaseField = keyof Metro2BaseSegment & string;

const SSN_NONE = 0;
const SSN_NINES = 999_999_999;

/** Cross-field rules of the Base segment (bureau-formats.md §5.1 rules 9-15 and §1.5 field notes). */
export const BASE_SEGMENT_RULES = defineRules<Metro2BaseSegment, BaseField, Metro2RecordContext>([
  {
    id: 'metro2.base.identification-number-not-filler',
    ref: '§1.5 IdentificationNumber',
    fields: ['identificationNumber'],
    check: (r) => (/^(0+|9+)$/.test(r.identificationNumber) ? 'all-zeros-or-nines' : null),
  },
  {
    id: 'metro2.base.account-number-not-ssn',
    ref: '§1.5 ConsumerAccountNumber',
    fields: ['consumerAccountNumber', 'socialSecurityNumber'],
    check: (r) =>
      r.socialSecurityNumber > SSN_NONE && r.consumerAccountNumber.includes(String(r.socialSecurityNumber).padStart(9, '0')) ? 'contains-ssn' : null,
  },
  {
    id: 'metro2.base.date-opened-not-after-information-date',
    ref: '§5.1 rule 9',
    fields: ['dateOpened', 'dateAccountInformation'],
    check: (r) => (r.dateOpened && r.dateAccountInformation && r.dateOpened > r.dateAccountInformation ? 'after-date-account-information' : null),
  },
  {
    id: 'metro2.base.information-date-in-reporting-month',
    ref: '§5.1 rule 9',
    fields: ['dateAccountInformation'],
    check: (r, c) => (c.reportingMonth && r.dateAccountInformation && r.dateAccountInformation.slice(0, 7) !== c.reportingMonth ? 'outside-reporting-month' : null),
  },
  {
    id: 'metro2.base.dates-not-in-future',
    ref: '§5.1 rule 9',
    fields: ['dateAccountInformation', 'dateOpened'],
    check: (r, c) => {
      const asOf = c.asOf;
      if (!asOf) return null;
      const late = (['dateAccountInformation', 'dateOpened'] as const).filter((field) => (r[field] ?? '') > asOf);
      return late.map((field) => ({ field, code: 'in-future' }));
    },
  },
  {
    id: 'metro2.base.payment-rating-iff-status',
    ref: '§5.1 rule 11',
    fields: ['paymentRating', 'accountStatus'],
    check: (r) => {
      const required = STATUSES_REQUIRING_PAYMENT_RATING.includes(r.accountStatus);
      if (required && r.paymentRating === '') return 'required';
      return !required && r.paymentRating !== '' ? 'must-be-blank' : null;
    },
  },
  {
    id: 'metro2.base.history-no-embedded-b',
    ref: '§5.1 rule 12',
    fields: ['paymentHistoryProfile'],
    check: (r) => (/B[^B]/.test(r.paymentHistoryProfile) ? 'embedded-b' : null),
  },
  {
    id: 'metro2.base.ssn-or-dob',
    ref: '§5.1 rule 13',
    fields: ['socialSecurityNumber', 'dateBirth', 'ecoaCode'],
    check: (r) => {
      if (ECOA_CODES_WITHOUT_SSN_OR_DOB.includes(r.ecoaCode)) return null;
      const hasSsn = r.socialSecurityNumber > SSN_NONE && r.socialSecurityNumber < SSN_NINES;
      return hasSsn || r.dateBirth !== null ? null : 'ssn-or-dob-required';
    },
  },
  {
    id: 'metro2.base.past-due-zero-when-current',
    ref: '§5.1 rule 14',
    fields: ['amountPastDue', 'accountStatus'],
    check: (r) => (r.accountStatus === '11' && r.amountPastDue !== 0 ? 'must-be-zero' : null),
  },
  {
    id: 'metro2.base.dofd-required',
    ref: '§5.1 rule 14',
    fields: ['dateFirstDelinquency', 'accountStatus', 'paymentRating'],
    check: (r) => {
      const delinquentPayoff = ['05', '13'].includes(r.accountStatus) && DELINQUENT_PAYMENT_RATINGS.includes(r.paymentRating);
      return (STATUSES_REQUIRING_DOFD.includes(r.accountStatus) || delinquentPayoff) && r.dateFirstDelinquency === null ? 'required' : null;
    },
  },
  {
    id: 'metro2.base.dofd-zero-when-current',
    ref: '§5.1 rule 14',
    fields: ['dateFirstDelinquency', 'accountStatus'],
    check: (r) => (r.accountStatus === '11' && r.dateFirstDelinquency !== null ? 'must-be-zero' : null),
  },
  {
    id: 'metro2.base.charge-off-amount-only-when-charged-off',
    ref: '§5.1 rule 14',
    fields: ['originalChargeOffAmount', 'accountStatus'],
    // A DA repeats the record the bureau holds, charge-off amount included (metro2.choices.ts).
    check: (r) => (r.originalChargeOffAmount > 0 && !CHARGE_OFF_STATUSES.includes(r.accountStatus) && r.accountStatus !== METRO2_DELETION_STATUS ? 'not-applicable' : null),
  },
  {
    id: 'metro2.base.charge-off-amount-required',
    ref: '§1.5 OriginalChargeOffAmount (design check)',
    fields: ['originalChargeOffAmount', 'accountStatus'],
    check: (r) => (CHARGE_OFF_STATUSES.includes(r.accountStatus) && r.originalChargeOffAmount === 0 ? 'required' : null),
  },
  {
    id: 'metro2.base.portfolio-account-type',
    ref: '§5.1 rule 15',
    fields: ['accountType', 'portfolioType'],
    check: (r) => {
      const allowed = ACCOUNT_TYPES_BY_PORTFOLIO[r.portfolioType as keyof typeof ACCOUNT_TYPES_BY_PORTFOLIO];
      return allowed && !allowed.includes(r.accountType) ? 'inconsistent-with-portfolio' : null;
    },
  },
  {
    id: 'metro2.base.credit-limit-by-portfolio',
    ref: '§1.5 CreditLimit',
    fields: ['creditLimit', 'portfolioType'],
    check: (r) => {
      if (['I', 'M'].includes(r.portfolioType)) return r.creditLimit === 0 ? null : 'must-be-zero';
      return ['C', 'R'].includes(r.portfolioType) && r.creditLimit === 0 ? 'required' : null;
    },
  },
]);

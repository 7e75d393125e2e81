import { defineLayout } from '@furnish/shared-util-fixed-width';
import {
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  ECOA_CODES,
  GENERATION_CODES,
  INTEREST_TYPE_INDICATORS,
  PAYMENT_RATINGS,
  PORTFOLIO_TYPES,
  SPECIAL_COMMENTS,
  TERMS_FREQUENCIES,
} from '../code-tables';
import { METRO2_IDENTIFIER, METRO2_NAME, METRO2_TEXT } from './charsets';

/**
 * The Base segment in character format (bureau-formats.md §1.5). Dates are 'YYYY-MM-DD' or null
 * (zero-filled), the TimeStamp 'YYYY-MM-DDTHH:mm:ss' or null, money whole dollars.
 */
export interface Metro2BaseSegment {
  readonly recordDescriptorWord: number;
  readonly processingIndicator: number;
  readonly timeStamp: string | null;
  readonly correctionIndicator: number;
  readonly identificationNumber: string;
  readonly cycleIdentifier: string;
  readonly consumerAccountNumber: string;
  readonly portfolioType: string;
  readonly accountType: string;
  readonly dateOpened: string | null;
  readonly creditLimit: number;
  readonly highestCredit: number;
  readonly termsDuration: string;
  readonly termsFrequency: string;
  readonly scheduledMonthlyPaymentAmount: number;
  readonly actualPaymentAmount: number;
  readonly accountStatus: string;
  readonly paymentRating: string;
  readonly paymentHistoryProfile: string;
  readonly specialComment: string;
  readonly complianceConditionCode: string;
  readonly currentBalance: number;
  readonly amountPastDue: number;
  readonly originalChargeOffAmount: number;
  readonly dateAccountInformation: string | null;
  readonly dateFirstDelinquency: string | null;
  readonly dateClosed: string | null;
  readonly dateLastPayment: string | null;
  readonly interestTypeIndicator: string;
  readonly surname: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly generationCode: string;
  readonly socialSecurityNumber: number;
  readonly dateBirth: string | null;
  readonly telephoneNumber: number;
  readonly ecoaCode: string;
  readonly consumerInformationIndicator: string;
  readonly countryCode: string;
  readonly firstLineAddress: string;
  readonly secondLineAddress: string;
  readonly city: string;
  readonly state: string;
  readonly zipCode: string;
  readonly addressIndicator: string;
  readonly residenceCode: string;
}

/** A Base segment with no appended segments is 426 characters, and so is its RDW. */
export const BASE_SEGMENT_LENGTH = 426;

export const BASE_SEGMENT_LAYOUT = defineLayout<Metro2BaseSegment>({
  id: 'metro2.base',
  length: BASE_SEGMENT_LENGTH,
  charset: METRO2_TEXT,
  fields: [
    { name: 'recordDescriptorWord', start: 1, length: 4, type: 'numeric', presence: 'required', codes: [BASE_SEGMENT_LENGTH] },
    { name: 'processingIndicator', start: 5, length: 1, type: 'numeric', presence: 'optional' },
    { name: 'timeStamp', start: 6, length: 14, type: 'timestamp', presence: 'optional', format: 'MMDDYYYYHHMMSS' },
    { name: 'correctionIndicator', start: 20, length: 1, type: 'numeric', presence: 'optional', codes: [0, 1] },
    { name: 'identificationNumber', start: 21, length: 20, type: 'alphanumeric', presence: 'required', charset: METRO2_IDENTIFIER },
    { name: 'cycleIdentifier', start: 41, length: 2, type: 'alphanumeric', presence: 'applicable' },
    { name: 'consumerAccountNumber', start: 43, length: 30, type: 'alphanumeric', presence: 'required', charset: METRO2_IDENTIFIER },
    { name: 'portfolioType', start: 73, length: 1, type: 'alphanumeric', presence: 'required', codes: PORTFOLIO_TYPES },
    { name: 'accountType', start: 74, length: 2, type: 'alphanumeric', presence: 'required', codes: ACCOUNT_TYPES },
    { name: 'dateOpened', start: 76, length: 8, type: 'date', presence: 'required', format: 'MMDDYYYY' },
    { name: 'creditLimit', start: 84, length: 9, type: 'numeric', presence: 'applicable' },
    { name: 'highestCredit', start: 93, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'termsDuration', start: 102, length: 3, type: 'alphanumeric', presence: 'required', pattern: /^(LOC|REV|\d{1,3})$/ },
    { name: 'termsFrequency', start: 105, length: 1, type: 'alphanumeric', presence: 'applicable', codes: TERMS_FREQUENCIES },
    { name: 'scheduledMonthlyPaymentAmount', start: 106, length: 9, type: 'numeric', presence: 'applicable' },
    { name: 'actualPaymentAmount', start: 115, length: 9, type: 'numeric', presence: 'applicable' },
    { name: 'accountStatus', start: 124, length: 2, type: 'alphanumeric', presence: 'required', codes: ACCOUNT_STATUSES },
    { name: 'paymentRating', start: 126, length: 1, type: 'alphanumeric', presence: 'applicable', codes: PAYMENT_RATINGS },
    {
      name: 'paymentHistoryProfile',
      start: 127,
      length: 24,
      type: 'alphanumeric',
      presence: 'required',
      keepTrailingBlanks: true,
      charset: /^[0-6BDEGHJKLZ ]*$/,
      pattern: /^.{24}$/,
    },
    { name: 'specialComment', start: 151, length: 2, type: 'alphanumeric', presence: 'applicable', codes: SPECIAL_COMMENTS },
    { name: 'complianceConditionCode', start: 153, length: 2, type: 'alphanumeric', presence: 'applicable' },
    { name: 'currentBalance', start: 155, length: 9, type: 'numeric', presence: 'applicable' },
    { name: 'amountPastDue', start: 164, length: 9, type: 'numeric', presence: 'applicable' },
    { name: 'originalChargeOffAmount', start: 173, length: 9, type: 'numeric', presence: 'applicable' },
    { name: 'dateAccountInformation', start: 182, length: 8, type: 'date', presence: 'required', format: 'MMDDYYYY' },
    { name: 'dateFirstDelinquency', start: 190, length: 8, type: 'date', presence: 'applicable', format: 'MMDDYYYY' },
    { name: 'dateClosed', start: 198, length: 8, type: 'date', presence: 'applicable', format: 'MMDDYYYY' },
    { name: 'dateLastPayment', start: 206, length: 8, type: 'date', presence: 'applicable', format: 'MMDDYYYY' },
    { name: 'interestTypeIndicator', start: 214, length: 1, type: 'alphanumeric', presence: 'optional', codes: INTEREST_TYPE_INDICATORS },
    { type: 'filler', label: 'reserved2', start: 215, length: 17 },
    { name: 'surname', start: 232, length: 25, type: 'alphanumeric', presence: 'required', charset: METRO2_NAME },
    { name: 'firstName', start: 257, length: 20, type: 'alphanumeric', presence: 'required', charset: METRO2_NAME },
    { name: 'middleName', start: 277, length: 20, type: 'alphanumeric', presence: 'applicable', charset: METRO2_NAME },
    { name: 'generationCode', start: 297, length: 1, type: 'alphanumeric', presence: 'applicable', codes: GENERATION_CODES },
    { name: 'socialSecurityNumber', start: 298, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'dateBirth', start: 307, length: 8, type: 'date', presence: 'optional', format: 'MMDDYYYY' },
    { name: 'telephoneNumber', start: 315, length: 10, type: 'numeric', presence: 'optional' },
    { name: 'ecoaCode', start: 325, length: 1, type: 'alphanumeric', presence: 'required', codes: ECOA_CODES },
    { name: 'consumerInformationIndicator', start: 326, length: 2, type: 'alphanumeric', presence: 'applicable' },
    { name: 'countryCode', start: 328, length: 2, type: 'alphanumeric', presence: 'optional', pattern: /^[A-Z]{2}$/ },
    { name: 'firstLineAddress', start: 330, length: 32, type: 'alphanumeric', presence: 'required' },
    { name: 'secondLineAddress', start: 362, length: 32, type: 'alphanumeric', presence: 'applicable' },
    { name: 'city', start: 394, length: 20, type: 'alphanumeric', presence: 'required' },
    { name: 'state', start: 414, length: 2, type: 'alphanumeric', presence: 'required', pattern: /^[A-Z]{2}$/ },
    { name: 'zipCode', start: 416, length: 9, type: 'alphanumeric', presence: 'required', charset: METRO2_IDENTIFIER },
    { name: 'addressIndicator', start: 425, length: 1, type: 'alphanumeric', presence: 'optional', codes: ['C', 'Y', 'N', 'M', 'S', 'B', 'U', 'D', 'P'] },
    { name: 'residenceCode', start: 426, length: 1, type: 'alphanumeric', presence: 'optional', codes: ['O', 'R'] },
  ],
});

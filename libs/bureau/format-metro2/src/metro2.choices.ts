import type { LoanEventType, PaymentStanding, ProductType, RepaymentFrequency } from '@furnish/shared-contracts';

/**
 * Every Metro 2 reporting choice Furnish makes where bureau-formats.md is silent or marked [U], in
 * one place (docs/formats/metro2.md explains each). Change a choice here, nowhere else.
 */

/** Version stamped in OutboundRecord.formatVersion: Metro 2 character format, 426-byte Base. */
export const METRO2_FORMAT_VERSION = 'metro2-char-426';

/**
 * Events that produce a Base record. Metro 2 reports account state once per cycle: the statement
 * is the monthly update, opening puts the account on file, closure and charge-off change its
 * status. Drawdowns, repayments and limit changes show in the next statement's record.
 */
export const METRO2_REPORTED_EVENTS: readonly LoanEventType[] = ['ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'];

/** Metro 2 reports US dollars; any other currency is rejected rather than converted. */
export const METRO2_CURRENCY = 'USD';

/** Time zone in which an event's instant becomes the Date of Account Information and the TimeStamp. */
export const METRO2_TIME_ZONE = 'UTC';

/**
 * Portfolio and account type per product. A revolving line is reported as a line of credit
 * (portfolio C, account type 15, terms LOC), matching the shared contract (ProductType: "Metro 2
 * portfolio C/I"); the alternative for a card product is R / 18 / REV.
 */
export const METRO2_PRODUCT_CODES: Readonly<Record<ProductType, { portfolioType: string; accountType: string; termsDuration: 'LOC' | 'REV' | 'months' }>> = {
  REVOLVING_LINE: { portfolioType: 'C', accountType: '15', termsDuration: 'LOC' },
  INSTALMENT_LOAN: { portfolioType: 'I', accountType: '01', termsDuration: 'months' },
};

/** Terms Frequency per repayment frequency; DAILY and IRREGULAR have no Metro 2 code and are rejected. */
export const METRO2_TERMS_FREQUENCY: Readonly<Partial<Record<RepaymentFrequency, string>>> = {
  WEEKLY: 'W',
  BIWEEKLY: 'B',
  MONTHLY: 'M',
  QUARTERLY: 'Q',
  SINGLE_PAYMENT: 'P',
};

/** Payment History Profile character per month standing (§1.5; the contract's PaymentStanding doc). */
export const METRO2_PAYMENT_HISTORY_CODES: Readonly<Record<PaymentStanding, string>> = {
  CURRENT: '0',
  PAST_DUE_30: '1',
  PAST_DUE_60: '2',
  PAST_DUE_90: '3',
  PAST_DUE_120: '4',
  PAST_DUE_150: '5',
  PAST_DUE_180_PLUS: '6',
  ZERO_BALANCE: 'E',
  COLLECTION: 'G',
  CHARGED_OFF: 'L',
  NO_DATA: 'D',
};

/**
 * Delinquency bands by days past due: the Account Status a delinquent open account gets and the
 * Payment Rating a closed one gets. Below 30 days an account is current (status 11, rating 0).
 */
export const METRO2_DELINQUENCY_BANDS: readonly { readonly minDays: number; readonly status: string; readonly rating: string }[] = [
  { minDays: 180, status: '84', rating: '6' },
  { minDays: 150, status: '83', rating: '5' },
  { minDays: 120, status: '82', rating: '4' },
  { minDays: 90, status: '80', rating: '3' },
  { minDays: 60, status: '78', rating: '2' },
  { minDays: 30, status: '71', rating: '1' },
];

/** Every consumer is reported as the individual account holder. */
export const METRO2_ECOA_CODE = '1';

/** CRRG: Processing Indicator is always 1. */
export const METRO2_PROCESSING_INDICATOR = 1;

/** Name suffix → Generation Code; an unknown suffix is rejected. */
export const METRO2_GENERATION_CODES: Readonly<Record<string, string>> = {
  JR: 'J', SR: 'S', II: '2', III: '3', IV: '4', V: '5', VI: '6', VII: '7', VIII: '8', IX: '9',
  '2ND': '2', '3RD': '3', '4TH': '4',
};

/** Phone numbers are reported only for the North American Numbering Plan (+1 and 10 digits); others are zero-filled. */
export const METRO2_PHONE_PATTERN = /^\+1(\d{10})$/;

/** Records in a submission file are separated by LF, like moov's newline output (its reader strips CR/LF). */
export const METRO2_LINE_SEPARATOR = '\n';

/**
 * The Metro 2 deletion (docs/formats/metro2.md, "Deletion (DA)"): the published Base segment with
 * AccountStatus DA and PaymentRating blank (§1.8: a rating only with 05/13/65/88/89/94/95), and
 * - CorrectionIndicator 0: a DA is a status of its own, not corrected content (§1.8 has only 0/1) [U];
 * - DateAccountInformation = the day the DA is made (METRO2_TIME_ZONE): §1.5 says it is "a date
 *   within the current reporting month; never historic", and the DA travels in the file of that month.
 * Everything else (identification, amounts, history, TimeStamp) as the bureau holds it.
 */
export const METRO2_DELETION_STATUS = 'DA';
export const METRO2_DELETION_CORRECTION_INDICATOR = 0;

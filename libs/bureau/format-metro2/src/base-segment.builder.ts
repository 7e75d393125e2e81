import type Big from 'big.js';
import type { MinimisedMetro2Record } from '@furnish/shared-contracts';
import { localDateIn, localDateTimeIn, type Violation } from '@furnish/bureau-domain';
import { BASE_SEGMENT_LENGTH, type Metro2BaseSegment } from './layouts/base-segment.layout';
import { metro2StandingOf } from './mapping/account-standing.mapper';
import { fitToWidth, foldToAscii, metro2AddressText, metro2Name, type Metro2Text } from './mapping/metro2-text';
import { paymentHistoryProfile, paymentHistoryProfileByMonth } from './mapping/payment-history.mapper';
import { wholeDollars } from './mapping/whole-dollars';
import {
  METRO2_CURRENCY,
  METRO2_ECOA_CODE,
  METRO2_GENERATION_CODES,
  METRO2_PHONE_PATTERN,
  METRO2_PROCESSING_INDICATOR,
  METRO2_PRODUCT_CODES,
  METRO2_TERMS_FREQUENCY,
  METRO2_TIME_ZONE,
} from './metro2.choices';

export interface BuiltBaseSegment {
  readonly segment: Metro2BaseSegment;
  /** What could not be mapped, at input paths (`borrower.familyName`); the segment is then invalid. */
  readonly violations: readonly Violation[];
}

/** Statuses whose scheduled payment is zero: the account is paid. */
const PAID_STATUSES = ['13', '61', '62', '63', '64', '65'];

/** Maps one minimised event to its Base segment (see docs/formats/metro2.md for every field). */
export function buildBaseSegment(record: MinimisedMetro2Record): BuiltBaseSegment {
  const violations: Violation[] = [];
  const issue = (ruleId: string, path: string, code: string): void => {
    violations.push({ ruleId, path, code });
  };
  const text = (path: string, value: string | null, width: number, convert: (v: string) => Metro2Text): string => {
    if (value === null) return '';
    const converted = convert(value);
    if (converted.problem) issue('metro2.map.text', path, converted.problem);
    return fitToWidth(converted.text, width);
  };

  const { account, borrower, furnisher, statement } = record;
  if (account.currency !== METRO2_CURRENCY) issue('metro2.map.currency', 'account.currency', 'unsupported-currency');
  const product = METRO2_PRODUCT_CODES[account.productType];
  const revolving = account.productType === 'REVOLVING_LINE';
  const standing = metro2StandingOf(account);

  const termsFrequency = METRO2_TERMS_FREQUENCY[account.repaymentFrequency];
  if (termsFrequency === undefined) issue('metro2.map.terms-frequency', 'account.repaymentFrequency', 'not-mappable');

  let termsDuration: string = product.termsDuration;
  if (product.termsDuration === 'months') {
    if (account.instalmentCount === null) issue('metro2.map.terms-duration', 'account.instalmentCount', 'required');
    termsDuration = String(account.instalmentCount ?? '').padStart(3, '0');
  }
  if (revolving && account.creditLimit === null) issue('metro2.map.credit-limit', 'account.creditLimit', 'required');
  if (!revolving && account.principal === null) issue('metro2.map.highest-credit', 'account.principal', 'required');

  let generationCode = '';
  if (borrower.nameSuffix !== null) {
    generationCode = METRO2_GENERATION_CODES[foldToAscii(borrower.nameSuffix).replace(/\./g, '')] ?? '';
    if (generationCode === '') issue('metro2.map.generation-code', 'borrower.nameSuffix', 'not-mappable');
  }

  let socialSecurityNumber = 0;
  if (borrower.idType === 'US_SSN') {
    if (/^\d{9}$/.test(borrower.idNumber)) socialSecurityNumber = Number(borrower.idNumber);
    else issue('metro2.map.ssn', 'borrower.idNumber', 'invalid-ssn');
  }

  // Numeric (N) fields are unsigned digits (§1.2, §1.9, §5.1-7); only CurrentBalance has a bureau rule
  // for a credit (negative) value: it is reported as 0 (§1.5). Any other negative amount is refused.
  const unsignedAmounts: readonly (readonly [string, Big | null])[] = [
    ['account.principal', account.principal],
    ['account.creditLimit', account.creditLimit],
    ['account.highestBalance', account.highestBalance],
    ['account.instalmentAmount', account.instalmentAmount],
    ['account.amountPastDue', account.amountPastDue],
    ['account.chargedOffAmount', account.chargedOffAmount],
    ['statement.minimumDue', statement?.minimumDue ?? null],
    ['statement.amountPaidInMonth', statement?.amountPaidInMonth ?? null],
  ];
  for (const [path, amount] of unsignedAmounts) if (amount?.lt(0)) issue('metro2.base.numeric', path, 'negative');

  const paid = PAID_STATUSES.includes(standing.accountStatus);
  const scheduled = paid ? 0 : statement ? wholeDollars(statement.minimumDue) : !revolving && account.instalmentAmount ? wholeDollars(account.instalmentAmount) : 0;
  const phone = METRO2_PHONE_PATTERN.exec(borrower.phone);
  const informationDate = localDateIn(record.occurredAt, METRO2_TIME_ZONE);
  // loan-event v2 carries the month-end history on every event; a v1 event only on a statement.
  const history = account.paymentHistory !== null ? paymentHistoryProfileByMonth(account.paymentHistory, informationDate) : paymentHistoryProfile(statement?.paymentHistory);
  const country = borrower.address.countryCode.toUpperCase();

  const segment: Metro2BaseSegment = {
    recordDescriptorWord: BASE_SEGMENT_LENGTH,
    processingIndicator: METRO2_PROCESSING_INDICATOR,
    timeStamp: localDateTimeIn(record.occurredAt, METRO2_TIME_ZONE),
    correctionIndicator: 0,
    identificationNumber: furnisher.metro2IdentificationNumber ?? '',
    cycleIdentifier: '',
    consumerAccountNumber: foldToAscii(account.accountId),
    portfolioType: product.portfolioType,
    accountType: product.accountType,
    dateOpened: account.openedOn,
    creditLimit: revolving && account.creditLimit ? wholeDollars(account.creditLimit) : 0,
    highestCredit: revolving ? wholeDollars(account.highestBalance ?? account.balance) : account.principal ? wholeDollars(account.principal) : 0,
    termsDuration,
    termsFrequency: termsFrequency ?? '',
    scheduledMonthlyPaymentAmount: scheduled,
    actualPaymentAmount: statement ? wholeDollars(statement.amountPaidInMonth) : 0,
    accountStatus: standing.accountStatus,
    paymentRating: standing.paymentRating,
    paymentHistoryProfile: history,
    specialComment: '',
    complianceConditionCode: '',
    currentBalance: wholeDollars(account.balance),
    amountPastDue: standing.amountPastDue,
    originalChargeOffAmount: standing.originalChargeOffAmount,
    dateAccountInformation: informationDate,
    dateFirstDelinquency: standing.dateFirstDelinquency,
    dateClosed: account.closedOn,
    dateLastPayment: account.lastPaymentDate,
    interestTypeIndicator: '',
    surname: text('borrower.familyName', borrower.familyName, 25, metro2Name),
    firstName: text('borrower.givenName', borrower.givenName, 20, metro2Name),
    middleName: text('borrower.middleName', borrower.middleName, 20, metro2Name),
    generationCode,
    socialSecurityNumber,
    dateBirth: borrower.dateOfBirth,
    telephoneNumber: phone ? Number(phone[1]) : 0,
    ecoaCode: METRO2_ECOA_CODE,
    consumerInformationIndicator: '',
    countryCode: country === 'US' ? '' : country,
    firstLineAddress: text('borrower.address.line1', borrower.address.line1, 32, metro2AddressText),
    secondLineAddress: text('borrower.address.line2', borrower.address.line2, 32, metro2AddressText),
    city: text('borrower.address.city', borrower.address.city, 20, metro2AddressText),
    state: borrower.address.region.trim().toUpperCase(),
    zipCode: borrower.address.postalCode.replace(/[\s-]/g, '').toUpperCase(),
    addressIndicator: '',
    residenceCode: '',
  };
  return { segment, violations };
}

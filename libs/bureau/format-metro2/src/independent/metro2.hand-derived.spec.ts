import { METRO2_FORMAT } from '../metro2.format';
import { aMetro2StatementRecord } from '../testing';
import { BASE_POSITIONS_1_5, parseBase } from './metro2-base.independent-parser';

/**
 * Independent check of the Base segment (issue 14): positions transcribed by hand from
 * bureau-formats.md §1.5 (1-based, inclusive) — not imported from the writer's layout tables — and
 * each expected value derived by hand from the fixture (aMetro2StatementRecord: the May 2024
 * statement of a US revolving line) and the rule cited next to it.
 */
const an = (value: string, width: number): string => value.padEnd(width, ' ');

// Expected values, field by field, with the rule (bureau-formats.md section) that gives each.
const EXPECTED: Readonly<Record<string, string>> = {
  RecordDescriptorWord: '0426', // §1.3, §5.1-1: 426 + no appended segment, 4 ASCII digits
  ProcessingIndicator: '1', // Furnish choice (docs/formats/metro2.md)
  TimeStamp: '05312024160500', // §1.5 TS14 MMDDYYYYHHMMSS of occurredAt 2024-05-31T16:05:00Z (UTC)
  CorrectionIndicator: '0', // §1.8: 0 or 1; not a correction
  IdentificationNumber: an('4200001234', 20), // §1.5 furnisher id, AN left-justified (§1.2)
  CycleIdentifier: an('', 2), // blank: unavailable descriptive field (§1.2)
  ConsumerAccountNumber: an('RL0000012345', 30), // §1.5, AN
  PortfolioType: 'C', // §1.8 C = line of credit; §5.1-15 with AccountType 15
  AccountType: '15', // §1.8: 15 line of credit
  DateOpened: '01152023', // D8 MMDDYYYY of 2023-01-15 (§1.9)
  CreditLimit: '000005000', // §1.5 LOC: assigned limit 5000.00, whole dollars (§1.2), N zero-filled
  HighestCredit: '000003650', // §1.5 LOC: highest balance used, 3650.00
  TermsDuration: 'LOC', // §1.5 TermsDuration LOC for a line of credit
  TermsFrequency: 'M', // §1.8 M monthly
  ScheduledMonthlyPaymentAmount: '000000326', // §1.5 LOC: minimum due 326.84, cents truncated (§1.2)
  ActualPaymentAmount: '000002150', // §1.5 total received in the period: 2150.00
  AccountStatus: '11', // §1.8: 11 current
  PaymentRating: ' ', // §1.8/§5.1-11: blank unless status ∈ {05,13,65,88,89,94,95}
  // §1.5: most recent first, then B padding; CURRENT 0, PAST_DUE_30 1, ZERO_BALANCE E (schema doc) for the 15 months of history
  PaymentHistoryProfile: '00000100E000000' + 'B'.repeat(9),
  SpecialComment: an('', 2),
  ComplianceConditionCode: an('', 2),
  CurrentBalance: '000001268', // §1.5: 1268.40 whole dollars, truncated
  AmountPastDue: '000000000', // §5.1-14: 0 with status 11
  OriginalChargeOffAmount: '000000000', // §5.1-14: only for 64/97
  DateAccountInformation: '05312024', // §1.5: date in the reporting month (the event day)
  DateFirstDelinquency: '00000000', // §1.5: zero-fill when current
  DateClosed: '00000000', // §1.5: zero-fill when not applicable
  DateLastPayment: '05092024', // 2024-05-09
  InterestTypeIndicator: ' ', // §1.8: F, V or blank
  Reserved2: an('', 17), // reserved: blank (§1.9)
  Surname: an('DOE', 25),
  FirstName: an('JANE', 20),
  MiddleName: an('Q', 20),
  GenerationCode: ' ',
  SocialSecurityNumber: '123456789', // §1.5: 9 digits
  DateBirth: '11021985', // 1985-11-02
  TelephoneNumber: '4155550123', // +1 415 555 0123 without the country code, 10 digits
  ECOACode: '1', // §1.8 (CFPB list): 1 individual
  ConsumerInformationIndicator: an('', 2),
  CountryCode: an('', 2), // Furnish: blank for US (docs/formats/metro2.md)
  FirstLineAddress: an('123 MAIN ST', 32),
  SecondLineAddress: an('APT 4B', 32),
  City: an('SPRINGFIELD', 20),
  State: 'IL',
  ZipCode: an('62701', 9), // AN, left-justified (§1.5 ZipCode is AN)
  AddressIndicator: ' ',
  ResidenceCode: ' ',
};

describe('Metro 2 Base segment, hand-derived from §1.5 (independent of the writer)', () => {
  const [record] = METRO2_FORMAT.format(aMetro2StatementRecord());

  it('the transcribed position table covers 426 characters without gaps', () => {
    BASE_POSITIONS_1_5.forEach(([, from], i) => expect(from).toBe(i === 0 ? 1 : BASE_POSITIONS_1_5[i - 1][2] + 1));
    expect(BASE_POSITIONS_1_5.at(-1)![2]).toBe(426);
  });

  it('is 426 characters', () => {
    expect(record.payload).toHaveLength(426);
  });

  it.each(Object.entries(EXPECTED))('%s holds the hand-derived value', (field, expected) => {
    expect(parseBase(record.payload)[field]).toBe(expected);
  });
});

/**
 * A reader for Base segments written for the hand-derived specs: positions transcribed by hand from
 * bureau-formats.md §1.5 (1-based, inclusive), not imported from the writer's layout tables.
 */
export const BASE_POSITIONS_1_5: readonly (readonly [field: string, from: number, to: number])[] = [
  ['RecordDescriptorWord', 1, 4],
  ['ProcessingIndicator', 5, 5],
  ['TimeStamp', 6, 19],
  ['CorrectionIndicator', 20, 20],
  ['IdentificationNumber', 21, 40],
  ['CycleIdentifier', 41, 42],
  ['ConsumerAccountNumber', 43, 72],
  ['PortfolioType', 73, 73],
  ['AccountType', 74, 75],
  ['DateOpened', 76, 83],
  ['CreditLimit', 84, 92],
  ['HighestCredit', 93, 101],
  ['TermsDuration', 102, 104],
  ['TermsFrequency', 105, 105],
  ['ScheduledMonthlyPaymentAmount', 106, 114],
  ['ActualPaymentAmount', 115, 123],
  ['AccountStatus', 124, 125],
  ['PaymentRating', 126, 126],
  ['PaymentHistoryProfile', 127, 150],
  ['SpecialComment', 151, 152],
  ['ComplianceConditionCode', 153, 154],
  ['CurrentBalance', 155, 163],
  ['AmountPastDue', 164, 172],
  ['OriginalChargeOffAmount', 173, 181],
  ['DateAccountInformation', 182, 189],
  ['DateFirstDelinquency', 190, 197],
  ['DateClosed', 198, 205],
  ['DateLastPayment', 206, 213],
  ['InterestTypeIndicator', 214, 214],
  ['Reserved2', 215, 231],
  ['Surname', 232, 256],
  ['FirstName', 257, 276],
  ['MiddleName', 277, 296],
  ['GenerationCode', 297, 297],
  ['SocialSecurityNumber', 298, 306],
  ['DateBirth', 307, 314],
  ['TelephoneNumber', 315, 324],
  ['ECOACode', 325, 325],
  ['ConsumerInformationIndicator', 326, 327],
  ['CountryCode', 328, 329],
  ['FirstLineAddress', 330, 361],
  ['SecondLineAddress', 362, 393],
  ['City', 394, 413],
  ['State', 414, 415],
  ['ZipCode', 416, 424],
  ['AddressIndicator', 425, 425],
  ['ResidenceCode', 426, 426],
];

/** An independent slicer: the field's characters at its §1.5 positions. */
export function parseBase(line: string): Record<string, string> {
  return Object.fromEntries(BASE_POSITIONS_1_5.map(([field, from, to]) => [field, line.slice(from - 1, to)]));
}

/**
 * Metro 2 code lists as moov-io/metro2 enforces them (bureau-formats.md §1.8), plus the lists the
 * CFPB evaluator uses where moov enforces nothing. Declared once; layouts and rules refer to them.
 */

export const PORTFOLIO_TYPES = ['C', 'I', 'M', 'O', 'R', 'L'] as const;

export const ACCOUNT_STATUSES = [
  '05', '11', '13', '61', '62', '63', '64', '65', '71', '78', '80', '82', '83', '84', '88', '89', '93', '94', '95', '96', '97', 'DA', 'DF',
] as const;
export type Metro2AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The 63 account types moov accepts (constants.go; §1.8's "65-75" includes 6A, 6B and 6D). */
export const ACCOUNT_TYPES = [
  '00', '01', '02', '03', '04', '05', '06', '07', '08', '0A', '0C', '0F', '0G', '10', '11', '12', '13', '15', '17', '18', '19', '20',
  '25', '26', '29', '2A', '2C', '37', '3A', '43', '47', '48', '4D', '50', '5A', '5B', '65', '66', '67', '68', '69', '6A', '6B', '6D', '70', '71', '72',
  '73', '74', '75', '77', '7A', '7B', '89', '8A', '8B', '90', '91', '92', '93', '95', '9A', '9B',
] as const;

export const PAYMENT_RATINGS = ['0', '1', '2', '3', '4', '5', '6', 'G', 'L'] as const;

/** Statuses that require a Payment Rating; with any other status it must be blank (§1.8, §5.1 rule 11). */
export const STATUSES_REQUIRING_PAYMENT_RATING: readonly string[] = ['05', '13', '65', '88', '89', '94', '95'];

/** Statuses that require a Date of First Delinquency (§1.5, §5.1 rule 14). */
export const STATUSES_REQUIRING_DOFD: readonly string[] = [
  '61', '62', '63', '64', '65', '71', '78', '80', '82', '83', '84', '88', '89', '93', '94', '95', '96', '97',
];

/** With 05 or 13, these ratings (a delinquency before payoff) also require a DOFD. */
export const DELINQUENT_PAYMENT_RATINGS: readonly string[] = ['1', '2', '3', '4', '5', '6', 'G', 'L'];

/** Statuses whose Original Charge-off Amount applies (§1.5). */
export const CHARGE_OFF_STATUSES: readonly string[] = ['64', '97'];

/** Characters of the 24-month Payment History Profile (§1.8). */
export const PAYMENT_HISTORY_CHARACTERS = '0123456BDEGHJKLZ ';

export const SPECIAL_COMMENTS = [
  'B', 'C', 'H', 'I', 'M', 'O', 'S', 'V', 'AB', 'AC', 'AH', 'AI', 'AM', 'AN', 'AO', 'AP', 'AS', 'AT', 'AU', 'AV', 'AW', 'AX', 'AZ', 'BA',
  'BB', 'BC', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BK', 'BL', 'BN', 'BO', 'BP', 'BS', 'BT', 'CH', 'CI', 'CJ', 'CK', 'CL', 'CM',
  'CN', 'CO', 'CP', 'CS', 'DE',
] as const;

export const TERMS_FREQUENCIES = ['D', 'P', 'W', 'B', 'E', 'M', 'L', 'Q', 'T', 'S', 'Y'] as const;

export const INTEREST_TYPE_INDICATORS = ['F', 'V'] as const;

export const GENERATION_CODES = ['J', 'S', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** ECOA codes in use (CFPB generator); moov validates none of them. */
export const ECOA_CODES = ['1', '2', '3', '5', '7', 'T', 'X', 'W', 'Z'] as const;

/** ECOA codes exempt from "SSN or date of birth" on the Base segment. */
export const ECOA_CODES_WITHOUT_SSN_OR_DOB: readonly string[] = ['2', '5'];

/** Account types allowed with each portfolio type, where a rule is known (CFPB evaluator Portfolio-Type-1). */
export const ACCOUNT_TYPES_BY_PORTFOLIO: Readonly<Partial<Record<(typeof PORTFOLIO_TYPES)[number], readonly string[]>>> = {
  C: ['15', '43', '47', '89', '7A', '9B'],
};

/** Statuses counted in the trailer, in trailer order (§1.7): DF and DA have their own counters. */
export const TRAILER_STATUS_ORDER = [
  '05', '11', '13', '61', '62', '63', '64', '65', '71', '78', '80', '82', '83', '84', '88', '89', '93', '94', '95', '96', '97',
] as const;

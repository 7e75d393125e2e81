import { defineLayout } from '@furnish/shared-util-fixed-width';
import { METRO2_TEXT } from './charsets';

/** The Trailer record in character format (bureau-formats.md §1.7): 9-digit counters. */
export interface Metro2TrailerRecord {
  readonly recordDescriptorWord: number;
  readonly recordIdentifier: string;
  readonly totalBaseRecords: number;
  readonly totalStatusCodeDF: number;
  readonly totalConsumerSegmentsJ1: number;
  readonly totalConsumerSegmentsJ2: number;
  readonly blockCount: number;
  readonly totalStatusCodeDA: number;
  readonly totalStatusCode05: number;
  readonly totalStatusCode11: number;
  readonly totalStatusCode13: number;
  readonly totalStatusCode61: number;
  readonly totalStatusCode62: number;
  readonly totalStatusCode63: number;
  readonly totalStatusCode64: number;
  readonly totalStatusCode65: number;
  readonly totalStatusCode71: number;
  readonly totalStatusCode78: number;
  readonly totalStatusCode80: number;
  readonly totalStatusCode82: number;
  readonly totalStatusCode83: number;
  readonly totalStatusCode84: number;
  readonly totalStatusCode88: number;
  readonly totalStatusCode89: number;
  readonly totalStatusCode93: number;
  readonly totalStatusCode94: number;
  readonly totalStatusCode95: number;
  readonly totalStatusCode96: number;
  readonly totalStatusCode97: number;
  readonly totalEcoaCodeZ: number;
  readonly totalEmploymentSegments: number;
  readonly totalOriginalCreditorSegments: number;
  readonly totalPurchasedToSoldFromSegments: number;
  readonly totalMortgageInformationSegments: number;
  readonly totalSpecializedPaymentInformationSegments: number;
  readonly totalChangeSegments: number;
  readonly totalSocialNumbersAllSegments: number;
  readonly totalSocialNumbersBaseSegments: number;
  readonly totalSocialNumbersJ1Segments: number;
  readonly totalSocialNumbersJ2Segments: number;
  readonly totalDatesBirthAllSegments: number;
  readonly totalDatesBirthBaseSegments: number;
  readonly totalDatesBirthJ1Segments: number;
  readonly totalDatesBirthJ2Segments: number;
  readonly totalTelephoneNumbersAllSegments: number;
}

/** The counters, i.e. every trailer field but the RDW and the identifier. */
export type Metro2TrailerCounters = Omit<Metro2TrailerRecord, 'recordDescriptorWord' | 'recordIdentifier'>;

export const TRAILER_RECORD_LENGTH = 426;
export const TRAILER_IDENTIFIER = 'TRAILER';

// Counters are 'optional' in the engine's sense (zero is a valid count); like moov, TotalBaseRecords
// and BlockCount are required, so a file without Base records is invalid.
export const TRAILER_RECORD_LAYOUT = defineLayout<Metro2TrailerRecord>({
  id: 'metro2.trailer',
  length: TRAILER_RECORD_LENGTH,
  charset: METRO2_TEXT,
  fields: [
    { name: 'recordDescriptorWord', start: 1, length: 4, type: 'numeric', presence: 'required', codes: [TRAILER_RECORD_LENGTH] },
    { name: 'recordIdentifier', start: 5, length: 7, type: 'constant', value: TRAILER_IDENTIFIER },
    { name: 'totalBaseRecords', start: 12, length: 9, type: 'numeric', presence: 'required' },
    { type: 'filler', label: 'reserved1', start: 21, length: 9 },
    { name: 'totalStatusCodeDF', start: 30, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalConsumerSegmentsJ1', start: 39, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalConsumerSegmentsJ2', start: 48, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'blockCount', start: 57, length: 9, type: 'numeric', presence: 'required' },
    { name: 'totalStatusCodeDA', start: 66, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode05', start: 75, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode11', start: 84, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode13', start: 93, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode61', start: 102, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode62', start: 111, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode63', start: 120, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode64', start: 129, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode65', start: 138, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode71', start: 147, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode78', start: 156, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode80', start: 165, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode82', start: 174, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode83', start: 183, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode84', start: 192, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode88', start: 201, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode89', start: 210, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode93', start: 219, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode94', start: 228, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode95', start: 237, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode96', start: 246, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalStatusCode97', start: 255, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalEcoaCodeZ', start: 264, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalEmploymentSegments', start: 273, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalOriginalCreditorSegments', start: 282, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalPurchasedToSoldFromSegments', start: 291, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalMortgageInformationSegments', start: 300, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalSpecializedPaymentInformationSegments', start: 309, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalChangeSegments', start: 318, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalSocialNumbersAllSegments', start: 327, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalSocialNumbersBaseSegments', start: 336, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalSocialNumbersJ1Segments', start: 345, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalSocialNumbersJ2Segments', start: 354, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalDatesBirthAllSegments', start: 363, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalDatesBirthBaseSegments', start: 372, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalDatesBirthJ1Segments', start: 381, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalDatesBirthJ2Segments', start: 390, length: 9, type: 'numeric', presence: 'optional' },
    { name: 'totalTelephoneNumbersAllSegments', start: 399, length: 9, type: 'numeric', presence: 'optional' },
    { type: 'filler', label: 'reserved2', start: 408, length: 19 },
  ],
});

import { TRAILER_STATUS_ORDER } from '../code-tables';
import type { Metro2BaseSegment } from '../layouts/base-segment.layout';
import type { Metro2TrailerCounters } from '../layouts/trailer-record.layout';

const SSN_NINES = 999_999_999;

/**
 * The Trailer counters of a file of Base segments, computed as moov's generatorTrailer does
 * (§1.7): one record per block, so BlockCount = Base records + 2; SSNs counted when
 * 0 < SSN < 999999999; dates of birth when present; phones when non-zero. Furnish writes no
 * appended segments, so their counters are zero.
 */
export function computeTrailerCounters(bases: readonly Metro2BaseSegment[]): Metro2TrailerCounters {
  const count = (predicate: (base: Metro2BaseSegment) => boolean): number => bases.filter(predicate).length;
  const statusCount = (status: string): number => count((b) => b.accountStatus === status);
  const ssns = count((b) => b.socialSecurityNumber > 0 && b.socialSecurityNumber < SSN_NINES);
  const dobs = count((b) => b.dateBirth !== null);
  const byStatus = Object.fromEntries(TRAILER_STATUS_ORDER.map((status) => [`totalStatusCode${status}`, statusCount(status)])) as Record<
    `totalStatusCode${(typeof TRAILER_STATUS_ORDER)[number]}`,
    number
  >;
  return {
    totalBaseRecords: bases.length,
    totalStatusCodeDF: statusCount('DF'),
    totalConsumerSegmentsJ1: 0,
    totalConsumerSegmentsJ2: 0,
    blockCount: bases.length + 2,
    totalStatusCodeDA: statusCount('DA'),
    ...byStatus,
    totalEcoaCodeZ: count((b) => b.ecoaCode === 'Z'),
    totalEmploymentSegments: 0,
    totalOriginalCreditorSegments: 0,
    totalPurchasedToSoldFromSegments: 0,
    totalMortgageInformationSegments: 0,
    totalSpecializedPaymentInformationSegments: 0,
    totalChangeSegments: 0,
    totalSocialNumbersAllSegments: ssns,
    totalSocialNumbersBaseSegments: ssns,
    totalSocialNumbersJ1Segments: 0,
    totalSocialNumbersJ2Segments: 0,
    totalDatesBirthAllSegments: dobs,
    totalDatesBirthBaseSegments: dobs,
    totalDatesBirthJ1Segments: 0,
    totalDatesBirthJ2Segments: 0,
    totalTelephoneNumbersAllSegments: count((b) => b.telephoneNumber > 0),
  };
}

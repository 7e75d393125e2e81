import type { LocalDate } from '@furnish/shared-contracts';
import { assertNoViolations, localDateIn, type BureauDeletionFormat, type FormattedRecord, type FurnishedRecordKey } from '@furnish/bureau-domain';
import { readFixedWidth, writeFixedWidth } from '@furnish/shared-util-fixed-width';
import { FurnishError } from '@furnish/shared-util-errors';
import { BASE_PATH, validateBaseSegmentModel } from './base-segment.validator';
import { BASE_SEGMENT_LAYOUT, type Metro2BaseSegment } from './layouts/base-segment.layout';
import { METRO2_DELETION_CORRECTION_INDICATOR, METRO2_DELETION_STATUS, METRO2_FORMAT_VERSION, METRO2_TIME_ZONE } from './metro2.choices';

/** A Metro 2 DA was asked for without the published Base segment it repeats (the caller checks builtFrom). */
export class PublishedRecordMissingError extends FurnishError {
  constructor() {
    super('SEALED_RECORD_UNREADABLE', 'a Metro 2 DA is built from the published Base segment, and none was given', 'dead-letter');
  }
}

/** The DA Base segment of a published one, as METRO2_DELETION_STATUS and its neighbours in metro2.choices.ts say. */
export function daSegmentOf(published: Metro2BaseSegment, informationDate: LocalDate): Metro2BaseSegment {
  return {
    ...published,
    accountStatus: METRO2_DELETION_STATUS,
    paymentRating: '',
    correctionIndicator: METRO2_DELETION_CORRECTION_INDICATOR,
    dateAccountInformation: informationDate,
  };
}

/**
 * Metro 2's deletion (bureau-formats.md §1.8: AccountStatus DA): the Base segment Furnish published,
 * opened from its sealed copy, re-sent with status DA. It repeats the account's identification as
 * the bureau holds it, so the bureau matches it to the account. Read back with the layout (a copy
 * that is not a Base segment is refused), then checked by every Base-segment rule in the month it is
 * made. Its OutboundRecord id is deletionRecordId(original record id), like the other bureaus'.
 */
export class Metro2DaDeletionFormat implements BureauDeletionFormat {
  readonly bureau = 'metro2' as const;
  readonly builtFrom = 'published-record' as const;

  deletion(original: FurnishedRecordKey, _deletionRecordId: string, at: Date): FormattedRecord {
    if (original.publishedRecord === undefined) throw new PublishedRecordMissingError();
    const published = readFixedWidth(BASE_SEGMENT_LAYOUT, original.publishedRecord, BASE_PATH);
    assertNoViolations(published.violations, 'published Metro 2 Base segment (sealed copy)');
    const reportDate = localDateIn(at, METRO2_TIME_ZONE);
    const segment = daSegmentOf(published.record, reportDate);
    assertNoViolations(validateBaseSegmentModel(segment, { reportingMonth: reportDate.slice(0, 7) }), 'Metro 2 DA Base segment');
    return { recordKind: 'METRO2_DA', reportDate, payload: writeFixedWidth(BASE_SEGMENT_LAYOUT, segment), formatVersion: METRO2_FORMAT_VERSION, accountKey: segment.consumerAccountNumber };
  }
}

export const METRO2_DA_DELETION = new Metro2DaDeletionFormat();

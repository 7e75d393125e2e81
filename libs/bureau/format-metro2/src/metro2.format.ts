import type { LocalDate, MinimisedMetro2Record } from '@furnish/shared-contracts';
import { assertNoViolations, type BureauFormat, type FormattedRecord } from '@furnish/bureau-domain';
import { writeFixedWidth } from '@furnish/shared-util-fixed-width';
import { buildBaseSegment } from './base-segment.builder';
import { validateBaseSegmentModel } from './base-segment.validator';
import { BASE_SEGMENT_LAYOUT } from './layouts/base-segment.layout';
import { METRO2_FORMAT_VERSION, METRO2_REPORTED_EVENTS } from './metro2.choices';

/**
 * Metro 2: one 426-character Base segment for each reported event (METRO2_REPORTED_EVENTS), none
 * for the others. Throws RecordInvalidError with every mapping and rule violation.
 */
export class Metro2Format implements BureauFormat<MinimisedMetro2Record> {
  readonly bureau = 'metro2' as const;

  format(record: MinimisedMetro2Record): readonly FormattedRecord[] {
    if (!METRO2_REPORTED_EVENTS.includes(record.eventType)) return [];
    const { segment, violations } = buildBaseSegment(record);
    const reportDate = segment.dateAccountInformation as LocalDate;
    assertNoViolations([...violations, ...validateBaseSegmentModel(segment, { reportingMonth: reportDate.slice(0, 7) })], 'Metro 2 Base segment');
    return [{ recordKind: 'METRO2_BASE', reportDate, payload: writeFixedWidth(BASE_SEGMENT_LAYOUT, segment), formatVersion: METRO2_FORMAT_VERSION }];
  }
}

export const METRO2_FORMAT = new Metro2Format();

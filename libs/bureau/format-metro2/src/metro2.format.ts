import { correctionRecordId, type LocalDate, type MinimisedMetro2Record } from '@furnish/shared-contracts';
import { assertNoViolations, type BureauCorrectionFormat, type BureauFormat, type CorrectionRecord, type FormattedRecord, type FurnishedRecordKey } from '@furnish/bureau-domain';
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
    return [{ recordKind: 'METRO2_BASE', reportDate, payload: writeFixedWidth(BASE_SEGMENT_LAYOUT, segment), formatVersion: METRO2_FORMAT_VERSION, accountKey: segment.consumerAccountNumber }];
  }
}

export const METRO2_FORMAT = new Metro2Format();

/**
 * Metro 2's correction (bureau-formats.md: CorrectionIndicator ∈ {0, 1}, position 20): the corrected
 * event's Base segment, built and validated like an original, with CorrectionIndicator 1, sent in
 * the next cycle's stream like any record. One per published Base segment of the corrected event,
 * each with its own id (correctionRecordId).
 */
export class Metro2CorrectionFormat implements BureauCorrectionFormat<MinimisedMetro2Record> {
  readonly bureau = 'metro2' as const;

  correction(record: MinimisedMetro2Record, originals: readonly FurnishedRecordKey[], correctionEventId: string): readonly CorrectionRecord[] {
    if (!METRO2_REPORTED_EVENTS.includes(record.eventType)) return [];
    const built = buildBaseSegment(record);
    const segment = { ...built.segment, correctionIndicator: 1 };
    const reportDate = segment.dateAccountInformation as LocalDate;
    assertNoViolations([...built.violations, ...validateBaseSegmentModel(segment, { reportingMonth: reportDate.slice(0, 7) })], 'Metro 2 Base segment (correction)');
    const payload = writeFixedWidth(BASE_SEGMENT_LAYOUT, segment);
    return originals
      .filter((original) => original.recordKind === 'METRO2_BASE')
      .map((original) => ({ recordId: correctionRecordId(original.recordId, correctionEventId), originalRecordId: original.recordId, recordKind: 'METRO2_BASE', reportDate, payload, formatVersion: METRO2_FORMAT_VERSION, accountKey: segment.consumerAccountNumber }));
  }
}

export const METRO2_CORRECTION = new Metro2CorrectionFormat();

import type { LocalDate, MinimisedPbocCrcRecord } from '@furnish/shared-contracts';
import { correctionRecordId } from '@furnish/shared-contracts';
import {
  assertNoViolations,
  localDateIn,
  type BureauCorrectionFormat,
  type BureauDeletionFormat,
  type CorrectionRecord,
  type FormattedRecord,
  type FurnishedRecordKey,
  type Violation,
} from '@furnish/bureau-domain';
import { ACCOUNT_TYPES } from './code-tables';
import { SEGMENT_ORDER } from './layouts/pboc-210.layout';
import type { Pboc210Record } from './layouts/pboc-210.model';
import { DATE, an, code, dataTypeProblem, pattern, type PbocDataType } from './layouts/pboc-data-type';
import { buildPboc210 } from './pboc-210.builder';
import { validatePboc210Model } from './pboc-210.validator';
import { writePbocSegment } from './pboc-210.writer';
import { PBOC_FORMAT_VERSION, PBOC_TIME_ZONE } from './pboc-crc.choices';
import { escapeXmlText } from './xml/xml-element';

/** The segment letters a by-segment request may name (§2.4); B, the base segment, identifies the record. */
const SEGMENT_LETTERS = SEGMENT_ORDER.map((s) => s.letter);
const CORRECTABLE_LETTERS = SEGMENT_LETTERS.filter((l) => l !== 'B');

interface RequestField<R> {
  readonly tag: keyof R & string;
  readonly type: PbocDataType;
}

function fieldViolations<R>(prefix: string, root: string, layout: readonly RequestField<R>[], record: R): Violation[] {
  return layout.flatMap(({ tag, type }) => {
    const problem = dataTypeProblem(type, String(record[tag]), undefined);
    return problem ? [{ ruleId: `${prefix}.${problem.check}`, path: `${root}.${tag}`, code: problem.code }] : [];
  });
}

const writeFields = <R>(layout: readonly RequestField<R>[], record: R): string => layout.map(({ tag }) => `<${tag}>${escapeXmlText(String(record[tag]))}</${tag}>`).join('');

/**
 * PBOC 212 个人借贷账户按段更正请求 (bureau-formats.md §2.3): corrects one segment of a 210 record the
 * CRC holds. Header elements (the request's own base) then the corrected segment, written exactly as
 * in a 210 record (§2.4 letter, §2.5 elements). bureau-formats.md gives the record type and that the
 * letters are §2.4's; the header's element names and the root tag are [U] (docs/formats/pboc-crc.md,
 * "Corrections and retractions").
 */
export interface Pboc212Header {
  readonly InfRecType: '212';
  readonly AcctType: string;
  /** 待更正业务标识码: the account's AcctCode as the 210 records stated it. */
  readonly ModRecCode: string;
  /** The RptDate of the 210 record corrected. */
  readonly RptDate: string;
  /** 待更正段段标: the §2.4 letter of the segment carried. */
  readonly MdfcSgmtCode: string;
}

export const PBOC_212_ROOT = 'InAcctMdfc';
export const PBOC_212_LAYOUT: readonly RequestField<Pboc212Header>[] = [
  { tag: 'InfRecType', type: pattern(/^212$/) },
  { tag: 'AcctType', type: code(ACCOUNT_TYPES) },
  { tag: 'ModRecCode', type: an(60, 1) },
  { tag: 'RptDate', type: DATE },
  { tag: 'MdfcSgmtCode', type: code(CORRECTABLE_LETTERS) },
];

/**
 * Every rule a 212 request breaks: its elements' data types (`pboc.212.data-type`, `.code-table`),
 * a segment carried that is not the one its letter names (`pboc.212.segment-letter`), and a
 * corrected record stated for another report date than the record it corrects
 * (`pboc.212.report-date`: a correction restates the same report, it cannot move it).
 */
export function validatePboc212(header: Pboc212Header, segmentTag: string, correctedRptDate: string): Violation[] {
  const violations = fieldViolations('pboc.212', PBOC_212_ROOT, PBOC_212_LAYOUT, header);
  const letter = SEGMENT_ORDER.find((s) => s.tag === segmentTag)?.letter;
  if (letter !== header.MdfcSgmtCode) violations.push({ ruleId: 'pboc.212.segment-letter', path: `${PBOC_212_ROOT}.MdfcSgmtCode`, code: 'segment-mismatch' });
  if (correctedRptDate !== header.RptDate) violations.push({ ruleId: 'pboc.212.report-date', path: `${PBOC_212_ROOT}.RptDate`, code: 'report-date-differs' });
  return violations;
}

export function writePboc212(header: Pboc212Header, record: Pboc210Record, segmentTag: (typeof SEGMENT_ORDER)[number]['tag']): string {
  return `<Document><${PBOC_212_ROOT}>${writeFields(PBOC_212_LAYOUT, header)}${writePbocSegment(record, segmentTag)}</${PBOC_212_ROOT}></Document>`;
}

/**
 * PBOC corrections: the corrected event's 210 record is built and validated as an original would be
 * (every 210 rule), then each of its segments but the base one goes to the CRC as one 212 request
 * per published 210 record of the corrected event. Furnish keeps no payload of the original, so it
 * cannot tell which segments changed: it restates every one (a 212 restating an unchanged segment
 * changes nothing). Ids: correctionRecordId(original, correction event, segment letter).
 */
export class Pboc212CorrectionFormat implements BureauCorrectionFormat<MinimisedPbocCrcRecord> {
  readonly bureau = 'pboc-crc' as const;

  correction(source: MinimisedPbocCrcRecord, originals: readonly FurnishedRecordKey[], correctionEventId: string): readonly CorrectionRecord[] {
    const { record, violations } = buildPboc210(source);
    if (!record) return [];
    const institutionCode = record.AcctBsSgmt.MngmtOrgCode || undefined;
    assertNoViolations([...violations, ...validatePboc210Model(record, { institutionCode })], 'PBOC 210 record (corrected)');
    return originals
      .filter((o) => o.recordKind === 'PBOC_210')
      .flatMap((original) =>
        SEGMENT_ORDER.filter(({ tag, letter }) => letter !== 'B' && record[tag] !== undefined).map(({ tag, letter }): CorrectionRecord => {
          const header: Pboc212Header = { InfRecType: '212', AcctType: record.AcctBsSgmt.AcctType, ModRecCode: original.accountKey, RptDate: original.reportDate, MdfcSgmtCode: letter };
          assertNoViolations(validatePboc212(header, tag, record.AcctBsSgmt.RptDate), 'PBOC 212 request');
          return {
            recordId: correctionRecordId(original.recordId, correctionEventId, letter),
            originalRecordId: original.recordId,
            recordKind: 'PBOC_212',
            reportDate: original.reportDate as LocalDate,
            payload: writePboc212(header, record, tag),
            formatVersion: PBOC_FORMAT_VERSION,
            accountKey: original.accountKey,
          };
        }),
      );
  }
}

/**
 * PBOC 213 个人借贷账户按段删除请求 (bureau-formats.md §2.3): deletes segments of an account's records
 * reported between two dates. A retraction deletes the one 210 record the retracted event
 * published: its account (DelRecCode), the base segment B for its report date alone. That deleting
 * B for a date removes that date's record, the element names and the root tag are [U]
 * (docs/formats/pboc-crc.md, "Corrections and retractions").
 */
export interface Pboc213Record {
  readonly InfRecType: '213';
  /** 待删除业务标识码: the account's AcctCode as the 210 records stated it. */
  readonly DelRecCode: string;
  /** 待删除段段标 (§2.4 letter). */
  readonly DelSgmtCode: string;
  readonly DelStartDate: string;
  readonly DelEndDate: string;
}

export const PBOC_213_ROOT = 'InAcctDel';
export const PBOC_213_LAYOUT: readonly RequestField<Pboc213Record>[] = [
  { tag: 'InfRecType', type: pattern(/^213$/) },
  { tag: 'DelRecCode', type: an(60, 1) },
  { tag: 'DelSgmtCode', type: code(SEGMENT_LETTERS) },
  { tag: 'DelStartDate', type: DATE },
  { tag: 'DelEndDate', type: DATE },
];

/** Every rule a 213 request breaks: data types, and a start date after the end date (`pboc.213.date-order`). */
export function validatePboc213(record: Pboc213Record): Violation[] {
  const violations = fieldViolations('pboc.213', PBOC_213_ROOT, PBOC_213_LAYOUT, record);
  if (record.DelStartDate > record.DelEndDate) violations.push({ ruleId: 'pboc.213.date-order', path: `${PBOC_213_ROOT}.DelStartDate`, code: 'after-end-date' });
  return violations;
}

export const writePboc213 = (record: Pboc213Record): string => `<Document><${PBOC_213_ROOT}>${writeFields(PBOC_213_LAYOUT, record)}</${PBOC_213_ROOT}></Document>`;

/** A retraction's deletion of one published 210 record, reported on the day it is made in the CRC's calendar. */
export class Pboc213RetractionFormat implements BureauDeletionFormat {
  readonly bureau = 'pboc-crc' as const;
  readonly builtFrom = 'keys' as const;

  deletion(original: FurnishedRecordKey, _deletionRecordId: string, at: Date): FormattedRecord {
    const record: Pboc213Record = { InfRecType: '213', DelRecCode: original.accountKey, DelSgmtCode: 'B', DelStartDate: original.reportDate, DelEndDate: original.reportDate };
    assertNoViolations(validatePboc213(record), 'PBOC 213 request');
    return { recordKind: 'PBOC_213', reportDate: localDateIn(at, PBOC_TIME_ZONE), payload: writePboc213(record), formatVersion: PBOC_FORMAT_VERSION, accountKey: original.accountKey };
  }
}

export const PBOC_212_CORRECTION = new Pboc212CorrectionFormat();
export const PBOC_213_RETRACTION = new Pboc213RetractionFormat();

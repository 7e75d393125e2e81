import { assertNoViolations, type Violation, localDateIn, type BureauDeletionFormat, type FormattedRecord, type FurnishedRecordKey } from '@furnish/bureau-domain';
import { writeXmlElement } from './xml/xml-element';
import { an, dataTypeProblem, pattern, type PbocDataType } from './layouts/pboc-data-type';
import { PBOC_FORMAT_VERSION, PBOC_TIME_ZONE } from './pboc-crc.choices';

/**
 * PBOC 214 个人借贷账户整笔删除请求 (bureau-formats.md §2.3): asks the CRC to delete every record of
 * one loan account. The request names the account only — 信息记录类型 214 and 待删除业务标识码, the
 * account's AcctCode as the 210 records stated it (AN..60, §2.5) — and travels as one XML line like
 * a 210 record. Element names follow the vendor request classes (整笔删除: InfRecType + DelRecCode);
 * the root tag is [U] (docs/formats/pboc-crc.md, "Deletion").
 */
export interface Pboc214Record {
  readonly InfRecType: '214';
  readonly DelRecCode: string;
}

/** The 214 layout as data: element order, data type; the writer and the validator both read it. */
export const PBOC_214_LAYOUT: readonly { readonly tag: keyof Pboc214Record; readonly type: PbocDataType }[] = [
  { tag: 'InfRecType', type: pattern(/^214$/) },
  { tag: 'DelRecCode', type: an(60, 1) },
];
export const PBOC_214_ROOT = 'InAcctEntDel';

/** Every rule the 214 request breaks: an element's data type (rule id `pboc.214.data-type`). */
export function validatePboc214(record: Pboc214Record): Violation[] {
  return PBOC_214_LAYOUT.flatMap(({ tag, type }) => {
    const problem = dataTypeProblem(type, record[tag], undefined);
    return problem ? [{ ruleId: `pboc.214.${problem.check}`, path: `${PBOC_214_ROOT}.${tag}`, code: problem.code }] : [];
  });
}

export function writePboc214(record: Pboc214Record): string {
  const children = PBOC_214_LAYOUT.map(({ tag }) => ({ name: tag, text: record[tag], children: [] }));
  return writeXmlElement({ name: 'Document', text: '', children: [{ name: PBOC_214_ROOT, text: '', children }] });
}

/** A deletion is reported on the day it is made, in the CRC's calendar (PBOC_TIME_ZONE). */
export class Pboc214DeletionFormat implements BureauDeletionFormat {
  readonly bureau = 'pboc-crc' as const;
  readonly builtFrom = 'keys' as const;

  deletion(original: FurnishedRecordKey, _deletionRecordId: string, at: Date): FormattedRecord {
    const record: Pboc214Record = { InfRecType: '214', DelRecCode: original.accountKey };
    assertNoViolations(validatePboc214(record), 'PBOC 214 request');
    return { recordKind: 'PBOC_214', reportDate: localDateIn(at, PBOC_TIME_ZONE), payload: writePboc214(record), formatVersion: PBOC_FORMAT_VERSION, accountKey: original.accountKey };
  }
}

export const PBOC_214_DELETION = new Pboc214DeletionFormat();

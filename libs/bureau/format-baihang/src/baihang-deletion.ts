import { assertNoViolations, localDateIn, localDateTimeIn, type BureauDeletionFormat, type FormattedRecord, type FurnishedRecordKey, type Violation } from '@furnish/bureau-domain';
import { BAIHANG_FORMAT_VERSION, BAIHANG_TIME_ZONE } from './baihang.choices';
import { REQ_ID } from './layouts/d2-record.layout';
import { TIMESTAMP, code, defineJsonLayout, text } from './layouts/json-layout';
import { validateJsonFields, writeJsonRecord } from './layouts/json-record';

/**
 * Baihang's deletion form (bureau-formats.md §3.4: `opCode` A add / M modify / D delete): a record
 * with opCode D naming the loan by `loanId` (D2/D3 records; for an X2 line, its creditId, the same
 * lender account id). Only the keys that identify the request and the account: no name, pid or
 * mobile — Baihang's mandatory set for a delete is [U] (§3.7), and an identity is not sent where the
 * account id identifies the record (docs/formats/baihang.md, "Deletion").
 */
export interface BaihangDeletionRecord {
  readonly reqID: string;
  readonly opCode: 'D';
  readonly uploadTs: string;
  readonly loanId: string;
}

export const BAIHANG_DELETION_LAYOUT = defineJsonLayout<BaihangDeletionRecord>({
  id: 'baihang.delete',
  fields: [
    { name: 'reqID', type: REQ_ID, presence: 'required' },
    { name: 'opCode', type: code(['D']), presence: 'required' },
    { name: 'uploadTs', type: TIMESTAMP, presence: 'required' },
    { name: 'loanId', type: text(60), presence: 'required' },
  ],
});

export function validateBaihangDeletion(record: BaihangDeletionRecord): Violation[] {
  return validateJsonFields(BAIHANG_DELETION_LAYOUT, record, 'delete');
}

/** reqID is the deletion's OutboundRecord id (deletionRecordId), as for every other Baihang record. */
export class BaihangDeletionFormat implements BureauDeletionFormat {
  readonly bureau = 'baihang' as const;
  readonly builtFrom = 'keys' as const;

  deletion(original: FurnishedRecordKey, deletionRecordId: string, at: Date): FormattedRecord {
    const record: BaihangDeletionRecord = { reqID: deletionRecordId, opCode: 'D', uploadTs: localDateTimeIn(at, BAIHANG_TIME_ZONE), loanId: original.accountKey };
    assertNoViolations(validateBaihangDeletion(record), 'Baihang deletion record');
    return {
      recordKind: 'BAIHANG_DELETE',
      reportDate: localDateIn(at, BAIHANG_TIME_ZONE),
      payload: writeJsonRecord(BAIHANG_DELETION_LAYOUT, record),
      formatVersion: BAIHANG_FORMAT_VERSION,
      accountKey: original.accountKey,
    };
  }
}

export const BAIHANG_DELETION = new BaihangDeletionFormat();

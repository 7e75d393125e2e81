import { createHash } from 'node:crypto';
import type { RecordKind } from './record-kinds';
import type { Bureau } from './topics';

/**
 * OutboundRecord.recordId: 32 lower-case hex digits hashed from the source event, bureau and
 * record kind, so reprocessing an event yields the same id (bureaus and consumers can deduplicate)
 * and one event can produce several kinds. Letters and digits only, within Baihang's 40-character
 * reqID limit.
 */
export function outboundRecordId(sourceEventId: string, bureau: Bureau, recordKind: RecordKind): string {
  return createHash('sha256').update(`${sourceEventId}\u0000${bureau}\u0000${recordKind}`).digest('hex').slice(0, 32);
}

/**
 * Id of the record that deletes the record `originalRecordId` at its bureau: derived from the
 * original's id alone, so a redelivered or retried invalidation yields the same id (and Baihang's
 * reqID rule, letters and digits, holds: 32 hex characters).
 */
export function deletionRecordId(originalRecordId: string): string {
  return createHash('sha256').update(`${originalRecordId}\u0000deletion`).digest('hex').slice(0, 32);
}

/**
 * Id of a record that corrects the published record `originalRecordId` for the correction event
 * `correctionEventId` (loan-event v3); `part` tells apart several records of one correction (the
 * PBOC 212 segment letter), '' otherwise. A redelivered or retried correction yields the same id; a
 * later correction of the same original (another event id) a new one.
 */
export function correctionRecordId(originalRecordId: string, correctionEventId: string, part = ''): string {
  return createHash('sha256').update(`${originalRecordId}\u0000${correctionEventId}\u0000correction\u0000${part}`).digest('hex').slice(0, 32);
}

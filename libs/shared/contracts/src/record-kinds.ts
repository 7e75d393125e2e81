import type { Bureau } from './topics';

/** OutboundRecord.recordKind values and the bureau each belongs to (bureau-formats.md). */
export const RECORD_KINDS = {
  PBOC_210: 'pboc-crc',
  BAIHANG_D2: 'baihang',
  BAIHANG_D3: 'baihang',
  BAIHANG_X2: 'baihang',
  METRO2_BASE: 'metro2',
  /** PBOC 214 个人借贷账户整笔删除请求: deletes an account's records (consent found invalid). */
  PBOC_214: 'pboc-crc',
  /** Baihang deletion (opCode D) of a D2, D3 or X2 record. */
  BAIHANG_DELETE: 'baihang',
} as const satisfies Record<string, Bureau>;
export type RecordKind = keyof typeof RECORD_KINDS;

export const isRecordKind = (value: unknown): value is RecordKind => typeof value === 'string' && Object.hasOwn(RECORD_KINDS, value);

/** Record kinds that delete what a bureau holds (consent found invalid) rather than report. */
export const DELETION_RECORD_KINDS: readonly RecordKind[] = ['PBOC_214', 'BAIHANG_DELETE'];
export const isDeletionRecordKind = (kind: string): boolean => (DELETION_RECORD_KINDS as readonly string[]).includes(kind);

import type { Bureau } from './topics';

/** OutboundRecord.recordKind values and the bureau each belongs to (bureau-formats.md). */
export const RECORD_KINDS = {
  PBOC_210: 'pboc-crc',
  BAIHANG_D2: 'baihang',
  BAIHANG_D3: 'baihang',
  BAIHANG_X2: 'baihang',
  METRO2_BASE: 'metro2',
} as const satisfies Record<string, Bureau>;
export type RecordKind = keyof typeof RECORD_KINDS;

export const isRecordKind = (value: unknown): value is RecordKind => typeof value === 'string' && Object.hasOwn(RECORD_KINDS, value);

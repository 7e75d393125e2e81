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
  /** PBOC 212 个人借贷账户按段更正请求: corrects one segment of a published 210 record (loan-event v3 correction). */
  PBOC_212: 'pboc-crc',
  /** PBOC 213 个人借贷账户按段删除请求: deletes a published 210 record's segments for its report date (loan-event v3 retraction). */
  PBOC_213: 'pboc-crc',
  /**
   * Metro 2 Base segment with AccountStatus DA: deletes the account at the bureau (consent found
   * invalid, event retracted); the published Base segment repeated, status DA, rating blank.
   */
  METRO2_DA: 'metro2',
} as const satisfies Record<string, Bureau>;
export type RecordKind = keyof typeof RECORD_KINDS;

export const isRecordKind = (value: unknown): value is RecordKind => typeof value === 'string' && Object.hasOwn(RECORD_KINDS, value);

/** Record kinds that delete what a bureau holds (consent found invalid, event retracted) rather than report. */
export const DELETION_RECORD_KINDS: readonly RecordKind[] = ['PBOC_214', 'BAIHANG_DELETE', 'PBOC_213', 'METRO2_DA'];
export const isDeletionRecordKind = (kind: string): boolean => (DELETION_RECORD_KINDS as readonly string[]).includes(kind);

/**
 * Deletion kinds that travel in the bureau's regular submission file, beside the reports: a Metro 2
 * DA is a Base record of the monthly file (bureau-formats.md §1.7 counts it in the Trailer).
 */
export const DELETIONS_IN_REPORT_FILES: readonly RecordKind[] = ['METRO2_DA'];
export const isDeletionInReportFile = (kind: string): boolean => (DELETIONS_IN_REPORT_FILES as readonly string[]).includes(kind);

/**
 * Record kinds that only correct a record the bureau holds and have no place in a report file of
 * their own kind (PBOC 212). Baihang and Metro 2 corrections are records of the reporting kinds
 * (opCode M; CorrectionIndicator 1).
 */
export const CORRECTION_RECORD_KINDS: readonly RecordKind[] = ['PBOC_212'];
export const isCorrectionRecordKind = (kind: string): boolean => (CORRECTION_RECORD_KINDS as readonly string[]).includes(kind);

import { BAIHANG_LINE_SEPARATOR } from '../baihang.choices';
import { BAIHANG_RECORD_KINDS, BAIHANG_RECORD_SPECS, type BaihangRecordKind } from '../baihang-record.specs';

export interface BaihangFileRecord {
  readonly recordKind: BaihangRecordKind;
  readonly payload: string;
}

export interface BaihangFileInput {
  /** The institution's name or id in the file name. */
  readonly institutionId: string;
  /** Beijing wall-clock time the file is made, 'YYYY-MM-DDTHH:mm:ss'. */
  readonly generatedAt: string;
  /** Distinguishes files made in the same second. Default 1. */
  readonly serial?: number;
  /** Records in the order they were produced. */
  readonly records: readonly BaihangFileRecord[];
}

export interface BaihangSubmissionFile {
  readonly fileName: string;
  readonly content: string;
  readonly recordCount: number;
}

/**
 * The plain batch file (§3.3): for each kind with records, its section marker line, then one JSON
 * object per line, CRLF. Sections go D2, D3, X2 so an account comes before its repayments; within a
 * section records keep their order. Zipping and encrypting into `.cry` is the transport's job.
 */
export function buildBaihangFile(input: BaihangFileInput): BaihangSubmissionFile {
  const lines = BAIHANG_RECORD_KINDS.flatMap((kind) => {
    const payloads = input.records.filter((r) => r.recordKind === kind).map((r) => r.payload);
    return payloads.length > 0 ? [BAIHANG_RECORD_SPECS[kind].sectionMarker, ...payloads] : [];
  });
  const stamp = input.generatedAt.replace(/[-T:]/g, '');
  return {
    fileName: `${input.institutionId}_${stamp}_${String(input.serial ?? 1).padStart(3, '0')}.txt`,
    content: lines.map((line) => line + BAIHANG_LINE_SEPARATOR).join(''),
    recordCount: input.records.length,
  };
}

import type { Bureau, LocalDate, OutboundRecord } from '@furnish/shared-contracts';
import { assertNoViolations, type Violation } from '@furnish/bureau-domain';
import { buildBaihangFile, validateBaihangFile, type BaihangRecordKind } from '@furnish/bureau-format-baihang';
import { buildMetro2File, validateMetro2File, type Metro2Reporter } from '@furnish/bureau-format-metro2';
import { buildPbocFiles, validatePbocFile } from '@furnish/bureau-format-pboc-crc';
import { SubmissionFileError } from './errors';

/** One file to hand to a bureau. */
export interface SubmissionFile {
  readonly fileName: string;
  readonly content: string;
  readonly recordCount: number;
}

export interface SubmissionOptions {
  /** Beijing time for PBOC and Baihang, the furnisher's for Metro 2: 'YYYY-MM-DDTHH:mm:ss'. */
  readonly generatedAt: string;
  /**
   * Furnisher identity, required for the bureau being written (no placeholder is ever written):
   * PBOC the 14-character data-provider code (it must be the records' MngmtOrgCode); Baihang the institution id.
   */
  readonly institution?: string;
  /** Metro 2 Header fields; required for Metro 2. */
  readonly metro2Reporter?: Metro2Reporter;
}

/**
 * Builds a bureau's submission file(s) from outbound records (oldest first, already selected for the
 * period and de-duplicated) and validates each file with the bureau's file validator; throws
 * RecordInvalidError (rule ids and paths only) when a file breaks a rule. No records, no files.
 */
export function buildSubmissionFiles(bureau: Bureau, records: readonly OutboundRecord[], options: SubmissionOptions): SubmissionFile[] {
  if (records.length === 0) return [];
  const files = BUILDERS[bureau](records, options);
  for (const file of files) assertNoViolations(VALIDATORS[bureau](file), `${bureau} submission file ${file.fileName}`);
  return files;
}

const BUILDERS: Readonly<Record<Bureau, (records: readonly OutboundRecord[], options: SubmissionOptions) => SubmissionFile[]>> = {
  'pboc-crc': (records, options) => {
    const institutionCode = requiredIdentity(options.institution, 'institution (the PBOC data-provider code)');
    const recordsCode = institutionOf(records);
    if (recordsCode !== institutionCode) throw new SubmissionFileError('the configured PBOC data-provider code is not the MngmtOrgCode of the records (ABE002)');
    return buildPbocFiles({ institutionCode, generatedAt: options.generatedAt, records: records.map((r) => r.payload) });
  },
  baihang: (records, options) => [
    buildBaihangFile({
      institutionId: requiredIdentity(options.institution, 'institution (the Baihang institution id)'),
      generatedAt: options.generatedAt,
      records: records.map((r) => ({ recordKind: r.recordKind as BaihangRecordKind, payload: r.payload })),
    }),
  ],
  metro2: (records, options) => [
    buildMetro2File({ reporter: requiredIdentity(options.metro2Reporter, 'metro2Reporter (the Metro 2 Header reporter)'), createdAt: options.generatedAt, baseSegments: records.map((r) => r.payload) }),
  ],
};

const VALIDATORS: Readonly<Record<Bureau, (file: SubmissionFile) => Violation[]>> = {
  'pboc-crc': validatePbocFile,
  baihang: (file) => validateBaihangFile(file.content),
  metro2: (file) => validateMetro2File(file.content),
};

function requiredIdentity<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SubmissionFileError(`the furnisher identity is not configured: ${what} is required`);
  return value;
}

/** The one MngmtOrgCode every PBOC record carries (the AcctCode prefix); files hold one institution. */
function institutionOf(records: readonly OutboundRecord[]): string {
  const codes = new Set(records.map((r) => /<MngmtOrgCode>([^<]*)<\/MngmtOrgCode>/.exec(r.payload)?.[1] ?? ''));
  if (codes.size !== 1 || codes.has('')) throw new SubmissionFileError(`PBOC records name ${codes.size} management organisation codes; pass --institution or submit per institution`);
  return [...codes][0];
}

/** Chronological order for a file: by report date, then as produced. */
export const submissionOrder = (a: OutboundRecord, b: OutboundRecord): number =>
  compareDates(a.reportDate, b.reportDate) || a.producedAt.getTime() - b.producedAt.getTime();

const compareDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);

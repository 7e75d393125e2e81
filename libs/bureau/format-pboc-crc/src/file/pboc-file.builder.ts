import { PbocFileCapacityError } from '../errors';
import { readPboc210 } from '../pboc-210.reader';
import { PBOC_FORMAT_VERSION, PBOC_LINE_SEPARATOR } from '../pboc-crc.choices';
import { PBOC_MAX_RECORDS, PBOC_MAX_SERIAL, pbocFileName, pbocHeaderLine } from './pboc-file-name';

export interface PbocFileInput {
  /** 数据提供机构区段码, 14 characters; AcctCode of every record starts with it. */
  readonly institutionCode: string;
  /** Beijing wall-clock time the files are generated, 'YYYY-MM-DDTHH:mm:ss'. */
  readonly generatedAt: string;
  /** Serial of the first file (27-29 of the name); later files count up from it. Default 1. */
  readonly firstSerial?: number;
  /** 210 record lines (OutboundRecord payloads), oldest first. */
  readonly records: readonly string[];
}

export interface PbocSubmissionFile {
  readonly fileName: string;
  readonly content: string;
  readonly recordCount: number;
}

/**
 * The submission files for a list of 210 records: header line (50 characters, record count) then
 * one record per line, CRLF. A file may not hold two records with the same AcctCode (ABR002), so
 * the n-th record of an account goes to the n-th file: order per account is kept across files,
 * which are meant to be submitted in serial order. No records, no files.
 */
export function buildPbocFiles(input: PbocFileInput): PbocSubmissionFile[] {
  const files: string[][] = [];
  const reportsPerAccount = new Map<string, number>();
  for (const line of input.records) {
    const accountCode = readPboc210(line).record?.AcctBsSgmt.AcctCode ?? line;
    const index = reportsPerAccount.get(accountCode) ?? 0;
    reportsPerAccount.set(accountCode, index + 1);
    (files[index] ??= []).push(line);
  }
  const firstSerial = input.firstSerial ?? 1;
  if (firstSerial + files.length - 1 > PBOC_MAX_SERIAL) throw new PbocFileCapacityError(`the records need serials beyond ${PBOC_MAX_SERIAL}`);
  return files.map((lines, i) => {
    if (lines.length > PBOC_MAX_RECORDS) throw new PbocFileCapacityError(`a file may hold at most ${PBOC_MAX_RECORDS} records`);
    const header = pbocHeaderLine(input.institutionCode, input.generatedAt, PBOC_FORMAT_VERSION, lines.length);
    return {
      fileName: pbocFileName(input.institutionCode, input.generatedAt, firstSerial + i),
      content: [header, ...lines].map((line) => line + PBOC_LINE_SEPARATOR).join(''),
      recordCount: lines.length,
    };
  });
}

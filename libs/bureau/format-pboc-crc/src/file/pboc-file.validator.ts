import type { Violation } from '@furnish/bureau-domain';
import { readPboc210 } from '../pboc-210.reader';
import { validatePboc210 } from '../pboc-210.validator';
import { PBOC_FILE_NAME_PATTERN, PBOC_HEADER_LENGTH, PBOC_HEADER_PATTERN } from './pboc-file-name';

export interface PbocFileToValidate {
  readonly fileName: string;
  readonly content: string;
}

/**
 * Every violation of a PBOC 210 submission file (§5.2 rules 1-3 and 14, every record by
 * validatePboc210 with the file's date and institution): name, 50-character header that agrees with
 * the name and counts the records, CRLF line ends, no two records for one AcctCode.
 */
export function validatePbocFile({ fileName, content }: PbocFileToValidate): Violation[] {
  const violations: Violation[] = [];
  const report = (ruleId: string, path: string, code: string): void => {
    violations.push({ ruleId, path, code });
  };
  const name = PBOC_FILE_NAME_PATTERN.exec(fileName);
  if (!name) report('pboc.file.name', '(fileName)', 'bad-file-name');

  if (!content.endsWith('\r\n')) report('pboc.file.line-ending', '(file)', 'missing-final-crlf');
  const lines = content.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    if (/[\r\n]/.test(line)) report('pboc.file.line-ending', i === 0 ? 'header' : `records[${i - 1}]`, 'not-crlf');
  });
  const [headerLine = '', ...records] = lines;

  const header = PBOC_HEADER_PATTERN.exec(headerLine);
  if (headerLine.length !== PBOC_HEADER_LENGTH || !header) {
    report('pboc.file.header', 'header', 'bad-header');
  } else {
    const [, , , institution, timestamp, count] = header;
    if (name && institution !== name[1]) report('pboc.file.header', 'header.institutionCode', 'differs-from-file-name');
    if (name && timestamp.slice(0, 8) !== name[2]) report('pboc.file.header', 'header.generatedAt', 'differs-from-file-name');
    if (Number(count) !== records.length) report('pboc.file.header', 'header.recordCount', 'mismatch');
  }
  const fileDate = header ? `${header[4].slice(0, 4)}-${header[4].slice(4, 6)}-${header[4].slice(6, 8)}` : undefined;
  const institutionCode = header?.[3];

  const seen = new Set<string>();
  records.forEach((line, i) => {
    const path = `records[${i}]`;
    if (line === '') return report('pboc.file.empty-line', path, 'empty-line');
    violations.push(...validatePboc210(line, { fileDate, institutionCode }, path));
    const accountCode = readPboc210(line).record?.AcctBsSgmt.AcctCode;
    if (accountCode === undefined) return;
    if (seen.has(accountCode)) report('pboc.file.duplicate-account-code', `${path}.AcctBsSgmt.AcctCode`, 'duplicate-in-file');
    seen.add(accountCode);
  });
  return violations;
}

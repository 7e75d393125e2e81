import type { Violation } from '@furnish/bureau-domain';
import { BAIHANG_RECORD_KINDS, BAIHANG_RECORD_SPECS, type BaihangRecordKind } from '../baihang-record.specs';
import { validateBaihangRecord } from '../baihang-record.validator';
import { OTHER_SECTION_MARKERS } from '../code-tables';

const KIND_BY_MARKER = new Map<string, BaihangRecordKind>(BAIHANG_RECORD_KINDS.map((kind) => [BAIHANG_RECORD_SPECS[kind].sectionMarker, kind]));

/**
 * Every violation of a Baihang batch file (§5.3 rules 1-2 and 7): CRLF lines, only known section
 * markers, every other non-empty line a JSON object under a marker, each D2/D3/X2 line valid,
 * reqID unique in the file, and a D3's termNo within its loan's totalTerm when the D2 is in the file.
 */
export function validateBaihangFile(content: string): Violation[] {
  const violations: Violation[] = [];
  const report = (ruleId: string, path: string, code: string): void => {
    violations.push({ ruleId, path, code });
  };
  if (content.length > 0 && !content.endsWith('\r\n')) report('baihang.file.line-ending', '(file)', 'missing-final-crlf');
  const lines = content.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();

  let section: string | undefined;
  const reqIds = new Set<string>();
  const totalTerms = new Map<string, number>();
  const terms: { path: string; loanId: unknown; termNo: unknown }[] = [];
  lines.forEach((line, i) => {
    const path = `lines[${i}]`;
    if (/[\r\n]/.test(line)) report('baihang.file.line-ending', path, 'not-crlf');
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      if (!KIND_BY_MARKER.has(line) && !OTHER_SECTION_MARKERS.includes(line)) report('baihang.file.section-marker', path, 'unknown-section');
      section = line;
      return;
    }
    if (section === undefined) return report('baihang.file.section-marker', path, 'record-before-section');
    const kind = KIND_BY_MARKER.get(section);
    if (!kind) return isJsonObject(line) ? undefined : report('baihang.file.json', path, 'not-a-json-object');
    violations.push(...validateBaihangRecord(kind, line, path));
    const record = parseObject(line);
    if (!record) return;
    if (typeof record.reqID === 'string') {
      if (reqIds.has(record.reqID)) report('baihang.file.unique-req-id', `${path}.reqID`, 'duplicate-in-file');
      reqIds.add(record.reqID);
    }
    if (kind === 'BAIHANG_D2' && typeof record.totalTerm === 'number') totalTerms.set(String(record.loanId), record.totalTerm);
    if (kind === 'BAIHANG_D3') terms.push({ path: `${path}.termNo`, loanId: record.loanId, termNo: record.termNo });
  });
  for (const { path, loanId, termNo } of terms) {
    const total = totalTerms.get(String(loanId));
    if (total !== undefined && typeof termNo === 'number' && termNo > total) report('baihang.file.term-within-total', path, 'after-last-term');
  }
  return violations;
}

const isJsonObject = (line: string): boolean => parseObject(line) !== undefined;

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

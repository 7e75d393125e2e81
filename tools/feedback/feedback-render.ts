import type { FeedbackImport } from './feedback-import';
import type { RecordStateEntry } from '@furnish/consent-data-access';

export function renderImport({ file, result }: FeedbackImport): string {
  if (result.kind === 'already-imported') {
    return `${file.fileName}: already imported (file ${result.fileId}, ${result.importedAt.toISOString()} by ${result.operator}); nothing changed`;
  }
  const accepted = result.records - result.rejected;
  return `${file.fileName}: ${file.bureau} ${file.form}, ${result.records} record(s): ${accepted} accepted, ${result.rejected} rejected (file ${result.fileId})${
    result.rejected > 0 ? '\nnpm run feedback -- rejected lists what to correct' : ''
  }`;
}

/** One line per code: the code and the rule it names, as recorded at import; no payload, no account number. */
export const describeCodes = (entry: RecordStateEntry): string[] => entry.codes.map((code, i) => `${code}: ${entry.rules[i]}`);

export function renderRejected(entries: readonly RecordStateEntry[]): string {
  if (entries.length === 0) return 'no rejected record waits for correction';
  return entries
    .map((e) =>
      [`${e.bureau} record ${e.recordId}: REJECTED by ${e.fileName} line ${e.fileLine} (${e.at.toISOString()})`, ...describeCodes(e).map((d) => `  ${d}`)].join('\n'),
    )
    .join('\n');
}

export function rejectedAsJson(entries: readonly RecordStateEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      bureau: e.bureau,
      recordId: e.recordId,
      file: e.fileName,
      line: e.fileLine,
      at: e.at.toISOString(),
      codes: e.codes.map((code, i) => ({ code, rule: e.rules[i] })),
    })),
    null,
    2,
  );
}

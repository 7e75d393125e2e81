import type { Bureau } from '@furnish/shared-contracts';
import { findResent, keyOf, parseFeedbackFile, reconcileFeedback, type KeyedRecord, type ParsedFeedbackFile, type SentRecord } from '@furnish/bureau-feedback';
import type { BureauFeedbackRepository, FeedbackImportResult } from '@furnish/consent-data-access';

/** The records sent to a bureau (its outbound topic, read as the submission tool reads it). */
export type SentRecordSource = (bureau: Bureau) => Promise<readonly SentRecord[]>;

export interface FeedbackImport {
  readonly file: ParsedFeedbackFile;
  readonly result: FeedbackImportResult;
}

/** Keys every sent record once; records without a readable key (other record types) are left out. */
export function keyed(records: readonly SentRecord[]): KeyedRecord[] {
  return records.flatMap((record) => keyOf(record) ?? []);
}

/**
 * Imports one feedback file, all or nothing: parsed whole (FeedbackFileError naming the line),
 * every line matched to a sent record, then every state written in one transaction together with
 * the file's digest. A line that matches nothing refuses the file; the same file twice is a no-op.
 */
export async function importFeedbackFile(
  options: { readonly fileName: string; readonly bytes: Uint8Array; readonly operator: string },
  sentTo: SentRecordSource,
  repository: BureauFeedbackRepository,
): Promise<FeedbackImport> {
  const file = parseFeedbackFile(options.fileName, options.bytes);
  const references = new Set(file.items.map((i) => i.reference));
  const candidates = keyed(await sentTo(file.bureau)).filter((r) => r.bureau === file.bureau && references.has(r.reference));
  const result = await repository.importFile(
    { bureau: file.bureau, form: file.form, fileName: file.fileName, digest: file.digest, operator: options.operator },
    candidates.map((c) => c.recordId),
    (stateOf) => reconcileFeedback(file, candidates, stateOf),
  );
  return { file, result };
}

/**
 * Re-sent once corrected: every outstanding rejection of the bureau(s) whose account and report has
 * a later published record is marked RESENT, naming that record. Returns how many moved.
 */
export async function markResent(bureaus: readonly Bureau[], sentTo: SentRecordSource, repository: BureauFeedbackRepository, operator: string): Promise<number> {
  let moved = 0;
  for (const bureau of bureaus) {
    const rejected = await repository.outstandingRejections(bureau);
    if (rejected.length === 0) continue;
    const resent = findResent(
      rejected.map((r) => ({ recordId: r.recordId, bureau })),
      keyed(await sentTo(bureau)),
    );
    moved += await repository.markResent(resent, operator);
  }
  return moved;
}

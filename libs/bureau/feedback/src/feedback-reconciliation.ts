import type { Bureau } from '@furnish/shared-contracts';
import { FeedbackFileError } from './errors';
import type { ParsedFeedbackFile } from './feedback.model';
import type { KeyedRecord } from './outbound-reference';
import type { BureauRecordState } from './record-state';
import { codeLabelOf, ruleTextOf } from './feedback-codes';

/** What one line of feedback does to one outbound record. */
export interface FeedbackOutcome {
  readonly line: number;
  readonly recordId: string;
  readonly bureau: Bureau;
  readonly state: 'ACCEPTED' | 'REJECTED';
  readonly codes: readonly string[];
  /** Per code: the rule it names (feedback-codes.ts), and its metric label (the code, or `other`). */
  readonly rules: readonly string[];
  readonly codeLabels: readonly string[];
}

/**
 * Finds the outbound record each feedback line is about, all or nothing. A reference may name several
 * sent records (a corrected record keeps its account and report date): the line answers the most
 * recently produced one that has no feedback yet, because a bureau answers a submission before the
 * next one. A line naming no sent record, or only records already answered, refuses the whole file:
 * importing the rest would leave the bureau's answer half-recorded.
 */
export function reconcileFeedback(file: ParsedFeedbackFile, sent: readonly KeyedRecord[], stateOf: (recordId: string) => BureauRecordState): FeedbackOutcome[] {
  const byReference = new Map<string, KeyedRecord[]>();
  for (const record of sent) {
    if (record.bureau !== file.bureau) continue;
    const list = byReference.get(record.reference) ?? [];
    list.push(record);
    byReference.set(record.reference, list);
  }
  return file.items.map((item) => {
    const candidates = (byReference.get(item.reference) ?? []).slice().sort((a, b) => b.producedAt.getTime() - a.producedAt.getTime());
    if (candidates.length === 0) throw new FeedbackFileError(file.fileName, item.line, `no record sent to ${file.bureau} has this reference`);
    const open = candidates.find((c) => stateOf(c.recordId) === 'SENT');
    if (!open) throw new FeedbackFileError(file.fileName, item.line, `every record sent to ${file.bureau} with this reference has been answered already`);
    return {
      line: item.line,
      recordId: open.recordId,
      bureau: file.bureau,
      state: item.codes.length === 0 ? 'ACCEPTED' : 'REJECTED',
      codes: item.codes,
      rules: item.codes.map((code) => ruleTextOf(file.bureau, code)),
      codeLabels: item.codes.map((code) => codeLabelOf(file.bureau, code)),
    };
  });
}

/** A rejected record superseded by a later one about the same account and report. */
export interface Resent {
  readonly recordId: string;
  readonly bureau: Bureau;
  readonly supersededBy: string;
}

/**
 * "Re-sent once corrected": the lender corrects upstream (a corrected or re-published event), the
 * pipeline publishes a new record about the same subject, and that record supersedes the rejected
 * one. For each rejected record, the earliest record of the same bureau and subject produced after
 * it; rejected records not among `sent` (or with no later record) stay rejected.
 */
export function findResent(rejected: readonly { readonly recordId: string; readonly bureau: Bureau }[], sent: readonly KeyedRecord[]): Resent[] {
  const byId = new Map(sent.map((r) => [r.recordId, r]));
  const bySubject = new Map<string, KeyedRecord[]>();
  for (const record of sent) {
    const key = `${record.bureau} ${record.subject}`;
    const list = bySubject.get(key) ?? [];
    list.push(record);
    bySubject.set(key, list);
  }
  return rejected.flatMap(({ recordId, bureau }) => {
    const original = byId.get(recordId);
    if (!original || original.bureau !== bureau) return [];
    const later = (bySubject.get(`${bureau} ${original.subject}`) ?? [])
      .filter((r) => r.recordId !== recordId && r.producedAt.getTime() > original.producedAt.getTime())
      .sort((a, b) => a.producedAt.getTime() - b.producedAt.getTime());
    return later.length === 0 ? [] : [{ recordId, bureau, supersededBy: later[0].recordId }];
  });
}

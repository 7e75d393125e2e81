import { bureauCodeOf, isCorrectionRecordKind, isDeletionInReportFile, isDeletionRecordKind, type Bureau, type LocalDate, type OutboundRecord } from '@furnish/shared-contracts';
import { submissionOrder } from '@furnish/bureau-formats';

export interface SubmissionPeriod {
  readonly bureau: Bureau;
  /** First and last report date included, 'YYYY-MM-DD'. */
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface Selection {
  readonly records: readonly OutboundRecord[];
  /** Records read more than once (same recordId): a reprocessed event. */
  readonly duplicates: number;
  readonly outsidePeriod: number;
  /** Records on the topic for another bureau: should never happen. */
  readonly otherBureau: number;
}

/**
 * The records for one bureau's submission: reportDate within [from, to], one per recordId (the first
 * read), oldest report first.
 */
export function selectForSubmission(read: readonly OutboundRecord[], period: SubmissionPeriod): Selection {
  const code = bureauCodeOf(period.bureau);
  const seen = new Set<string>();
  const records: OutboundRecord[] = [];
  let duplicates = 0;
  let outsidePeriod = 0;
  let otherBureau = 0;
  for (const record of read) {
    if (record.bureau !== code) otherBureau++;
    else if (record.reportDate < period.from || record.reportDate > period.to) outsidePeriod++;
    else if (seen.has(record.recordId)) duplicates++;
    else {
      seen.add(record.recordId);
      records.push(record);
    }
  }
  return { records: records.sort(submissionOrder), duplicates, outsidePeriod, otherBureau };
}

/** What of a selection a bureau's submission file carries. */
export interface FileContents {
  /** Records that report (re-checked for consent before they go in). */
  readonly reports: readonly OutboundRecord[];
  /** Deletions filed with the reports (Metro 2 DA, a Base record of the monthly file): never re-checked, a deletion needs no authorisation. */
  readonly deletions: readonly OutboundRecord[];
  /** Deletions and corrections with no file of their own yet (PBOC 212/213/214, Baihang opCode D). */
  readonly leftOut: number;
}

export function fileContentsOf(records: readonly OutboundRecord[]): FileContents {
  const reports = records.filter((r) => !isDeletionRecordKind(r.recordKind) && !isCorrectionRecordKind(r.recordKind));
  const deletions = records.filter((r) => isDeletionInReportFile(r.recordKind));
  return { reports, deletions, leftOut: records.length - reports.length - deletions.length };
}

import { bureauCodeOf, type Bureau, type LocalDate, type OutboundRecord } from '@furnish/shared-contracts';
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

import type { Bureau } from '@furnish/shared-contracts';

/** The two documented forms of feedback (docs/formats/feedback.md). */
export type FeedbackForm = 'pboc-crc-feedback' | 'rejection-list';

/**
 * How a bureau names one of the records it received, in its own terms: never Furnish's record id,
 * except Baihang's reqID, which Furnish sets to the record id.
 * - PBOC CRC: the record's AcctCode and RptDate (one record per AcctCode per file, ABR002).
 * - Metro 2: ConsumerAccountNumber and DateAccountInformation (MMDDYYYY).
 * - Baihang: reqID.
 */
export type BureauReference = string;

/** What a bureau said about one record. No code means it accepted it. */
export interface FeedbackItem {
  readonly line: number;
  readonly reference: BureauReference;
  /** Rejection codes in the bureau's order, without repeats; empty = accepted. */
  readonly codes: readonly string[];
}

export interface ParsedFeedbackFile {
  readonly bureau: Bureau;
  readonly form: FeedbackForm;
  readonly fileName: string;
  /** Lower-case hex SHA-256 of the file's bytes: the same file imported twice is recognised by it. */
  readonly digest: string;
  /** PBOC: the submission file the feedback answers (the same name with feedback flag 0). */
  readonly answers?: string;
  readonly items: readonly FeedbackItem[];
}

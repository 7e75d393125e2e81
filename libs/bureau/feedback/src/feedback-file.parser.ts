import { FeedbackFileError } from './errors';
import type { ParsedFeedbackFile } from './feedback.model';
import { parsePbocFeedbackFile, PBOC_FEEDBACK_FILE_NAME } from './pboc-feedback-file.parser';
import { parseRejectionList } from './rejection-list.parser';

/** Picks the form by the file name: a PBOC feedback name, or a `.csv` rejection list. */
export function parseFeedbackFile(fileName: string, bytes: Uint8Array): ParsedFeedbackFile {
  if (PBOC_FEEDBACK_FILE_NAME.test(fileName)) return parsePbocFeedbackFile(fileName, bytes);
  if (/\.csv$/i.test(fileName)) return parseRejectionList(fileName, bytes);
  throw new FeedbackFileError(fileName, 0, 'neither a PBOC 210 feedback file name (…2100<serial>1.txt) nor a .csv rejection list');
}

import { createHash } from 'node:crypto';
import { FeedbackFileError } from './errors';

/** Larger files are refused before they are read into lines (a feedback file answers one submission). */
export const FEEDBACK_MAX_BYTES = 256 * 1024 * 1024;
export const FEEDBACK_MAX_LINE_LENGTH = 4_096;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The file's lines: strict UTF-8 (a byte sequence that is not UTF-8 refuses the file; the PBOC
 * encoding is [U], §2.2, and UTF-8 is what DCITS reads), CRLF or LF line ends, one final line end
 * allowed, no empty line in between, no line longer than FEEDBACK_MAX_LINE_LENGTH.
 */
export function feedbackLines(fileName: string, bytes: Uint8Array): string[] {
  if (bytes.length === 0) throw new FeedbackFileError(fileName, 0, 'the file is empty');
  if (bytes.length > FEEDBACK_MAX_BYTES) throw new FeedbackFileError(fileName, 0, `the file is larger than ${FEEDBACK_MAX_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FeedbackFileError(fileName, 0, 'the file is not UTF-8 text');
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    if (line.length > FEEDBACK_MAX_LINE_LENGTH) throw new FeedbackFileError(fileName, i + 1, `line longer than ${FEEDBACK_MAX_LINE_LENGTH} characters`);
    if (line === '') throw new FeedbackFileError(fileName, i + 1, 'empty line');
    if (line.includes('\r')) throw new FeedbackFileError(fileName, i + 1, 'a carriage return inside the line');
  });
  return lines;
}

/** 'YYYY-MM-DD' or 'MMDDYYYY' parts that name a real calendar day in 1901..2099 (§2.8.1, §1.9). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1901 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

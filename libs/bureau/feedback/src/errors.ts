import { FurnishError } from '@furnish/shared-util-errors';

/**
 * A feedback file that cannot be imported: unreadable, not in its documented form, or naming a
 * record Furnish never sent. The whole file is refused (nothing of it is imported). The message names
 * the line and what is wrong with it, never the line's content (it may carry account numbers).
 */
export class FeedbackFileError extends FurnishError {
  constructor(
    readonly fileName: string,
    /** 1-based; 0 for the file as a whole (its name, its size, its encoding). */
    readonly line: number,
    readonly problem: string,
  ) {
    super('FEEDBACK_FILE_INVALID', `${fileName}${line > 0 ? ` line ${line}` : ''}: ${problem}`, 'dead-letter');
  }
}

/** The records Furnish wants in a file could not make one (e.g. no PBOC institution code). */
export class SubmissionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

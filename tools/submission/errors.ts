/** Reading the topic failed or did not finish; the message names the topic, never record content. */
export class OutboundTopicReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line arguments; the message says which and what a valid value is. */
export class SubmissionArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The furnisher identity a submission file must carry is not configured; the message names the setting. */
export class FurnisherIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The writer was given a value that does not fit its field. Writing assumes a validated record,
 * so this is a programming error, not bad input. The message names the field, never the value.
 */
export class FixedWidthWriteError extends Error {
  constructor(
    readonly layoutId: string,
    readonly field: string,
    reason: string,
  ) {
    super(`${layoutId}: cannot write field ${field}: ${reason}`);
    this.name = new.target.name;
  }
}

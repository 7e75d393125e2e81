/** Malformed XML. The message says what and where (offset), never the text. */
export class XmlSyntaxError extends Error {
  constructor(reason: string, offset: number) {
    super(`${reason} at offset ${offset}`);
    this.name = new.target.name;
  }
}

/** Too many records or files for the naming scheme; the caller should submit in smaller periods. */
export class PbocFileCapacityError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = new.target.name;
  }
}

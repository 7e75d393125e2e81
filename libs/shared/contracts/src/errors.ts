/**
 * A value that an Avro logical type cannot represent, on write or on read. Messages name the
 * logical type and the constraint, never the value: they reach logs and dead-letter headers.
 */
export class LogicalTypeError extends TypeError {
  constructor(
    readonly logicalType: string,
    message: string,
  ) {
    super(`${logicalType}: ${message}`);
    this.name = new.target.name;
  }
}

/** The schemas folder is missing, or a file in it is misnamed, invalid or inconsistent. */
export class SchemaCatalogError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A projection of a schema asked for a field the schema does not have, or that it cannot project. */
export class SchemaProjectionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`cannot project the schema:\n  ${problems.join('\n  ')}`);
    this.name = new.target.name;
  }
}

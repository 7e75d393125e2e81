import { FurnishError } from '@furnish/shared-util-errors';

export class WireFormatError extends FurnishError {
  constructor(message: string) {
    super('WIRE_FORMAT_INVALID', message, 'dead-letter');
  }
}

export class UnknownSchemaIdError extends FurnishError {
  constructor(readonly schemaId: number) {
    super('SCHEMA_UNKNOWN_ID', `schema id ${schemaId} is not known to the registry`, 'dead-letter');
  }
}

export class AvroDecodeError extends FurnishError {
  constructor(message: string, cause?: unknown) {
    super('AVRO_DECODE_FAILED', message, 'dead-letter', { cause });
  }
}

/**
 * A size the message declares (a string or bytes length, an array or map block's item count or byte
 * size) is negative or more than the message's bytes can hold: the bytes are malformed, and nothing
 * was allocated for them. The message gives the size and its byte offset in the Avro body.
 */
export class AvroDeclaredSizeError extends FurnishError {
  constructor(message: string, cause?: unknown) {
    super('AVRO_DECLARED_SIZE_INVALID', message, 'dead-letter', { cause });
  }
}

/** A message declares more array items and map entries, over all its arrays and maps, than `AVRO_MAX_COLLECTION_ITEMS`. */
export class AvroItemLimitError extends FurnishError {
  constructor(message: string, cause?: unknown) {
    super('AVRO_ITEM_LIMIT_EXCEEDED', message, 'dead-letter', { cause });
  }
}

/** The installed avsc is not the patched one (patches/avsc+<version>.patch): decoding would not be bounded. */
export class AvroUnboundedDecoderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value does not match the writer schema; lists the offending paths, never their values. */
export class AvroEncodeError extends FurnishError {
  constructor(
    readonly schemaName: string,
    readonly invalidPaths: readonly string[],
  ) {
    super('AVRO_ENCODE_INVALID', `value does not match schema ${schemaName} at: ${invalidPaths.join(', ')}`, 'dead-letter');
  }
}

/** The local schema of a subject cannot be registered: a deployment fault, never a record's. */
export class SchemaIncompatibleError extends FurnishError {
  constructor(
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(
      'SCHEMA_INCOMPATIBLE',
      `schema for ${subject} is not BACKWARD compatible with the latest registered version: ${problems.join('; ')}`,
      'halt',
    );
  }
}

/** A service writes only with schemas the deployment registered; this one is missing from the registry. */
export class SchemaNotRegisteredError extends FurnishError {
  constructor(readonly subject: string) {
    super(
      'SCHEMA_NOT_REGISTERED',
      `the local schema for ${subject} is not registered; register the schemas (npm run stack:up locally, the schema Job in a deployment) before the services`,
      'halt',
    );
  }
}

export class RegistryUnavailableError extends FurnishError {
  constructor(message: string, cause?: unknown) {
    super('REGISTRY_UNAVAILABLE', message, 'wait', { cause });
  }
}

/**
 * The registry refused a request. About a schema id read from a record, the record is at fault
 * (dead-letter); about the service's own schemas, the deployment is (halt).
 */
export class RegistryRejectedError extends FurnishError {
  constructor(
    readonly status: number,
    message: string,
    disposition: 'dead-letter' | 'halt',
  ) {
    super('REGISTRY_REJECTED', message, disposition);
  }
}

/** 401/403: the service's registry credentials are missing, wrong or lack a permission. */
export class RegistryUnauthorizedError extends FurnishError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('REGISTRY_UNAUTHORIZED', message, 'halt');
  }
}

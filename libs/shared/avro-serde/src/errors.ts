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

/** A value does not match the writer schema; lists the offending paths, never their values. */
export class AvroEncodeError extends FurnishError {
  constructor(
    readonly schemaName: string,
    readonly invalidPaths: readonly string[],
  ) {
    super('AVRO_ENCODE_INVALID', `value does not match schema ${schemaName} at: ${invalidPaths.join(', ')}`, 'dead-letter');
  }
}

export class SchemaIncompatibleError extends FurnishError {
  constructor(
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(
      'SCHEMA_INCOMPATIBLE',
      `schema for ${subject} is not BACKWARD compatible with the latest registered version: ${problems.join('; ')}`,
      'dead-letter',
    );
  }
}

export class RegistryUnavailableError extends FurnishError {
  constructor(message: string, cause?: unknown) {
    super('REGISTRY_UNAVAILABLE', message, 'wait', { cause });
  }
}

export class RegistryRejectedError extends FurnishError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('REGISTRY_REJECTED', message, 'dead-letter');
  }
}

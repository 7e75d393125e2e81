import { Type, type Schema } from 'avsc';
import type { AvroSchemaJson } from './avro-schema';
import { DecimalType } from './logical-types/decimal.logical-type';
import { LocalDateType } from './logical-types/date.logical-type';
import { TimestampMillisType } from './logical-types/timestamp-millis.logical-type';
import { UuidType } from './logical-types/uuid.logical-type';

export { DecimalType, LocalDateType, TimestampMillisType, UuidType };
export { isUuid } from './logical-types/uuid.logical-type';

/** Every logical type our schemas may use; the schema catalog rejects any other. */
export const LOGICAL_TYPES = {
  decimal: DecimalType,
  date: LocalDateType,
  'timestamp-millis': TimestampMillisType,
  uuid: UuidType,
} as const;
export type LogicalTypeName = keyof typeof LOGICAL_TYPES;

/**
 * Parses a schema the way every Furnish process must, so writer and reader agree:
 * - our logical types, and a broken one (a decimal without precision) fails instead of silently
 *   decoding as its underlying type;
 * - unions are never wrapped, so `["null", T]` is `T | null`; an ambiguous union fails here rather
 *   than changing the value shape;
 * - records decode to plain data, without avsc's per-record methods.
 */
export function parseAvroSchema(schema: AvroSchemaJson | Schema | string): Type {
  return Type.forSchema((typeof schema === 'string' ? JSON.parse(schema) : schema) as Schema, {
    logicalTypes: LOGICAL_TYPES,
    assertLogicalTypes: true,
    wrapUnions: 'never',
    omitRecordMethods: true,
  });
}

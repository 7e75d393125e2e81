/**
 * Every schema in schemas/, by file name stem (`<name>.v<N>.avsc`). The catalog refuses a folder
 * with a schema missing from this list or not in it, so a typo cannot ship silently.
 */
export const SCHEMA_NAMES = [
  'loan-event',
  'consent-event',
  'consented-loan-event',
  'minimised-pboc-crc-record',
  'minimised-baihang-record',
  'minimised-metro2-record',
  'outbound-record',
] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export const isSchemaName = (value: unknown): value is SchemaName => (SCHEMA_NAMES as readonly unknown[]).includes(value);

/** Schemas published by upstream lending systems: the external contract. */
export const INPUT_SCHEMA_NAMES = ['loan-event', 'consent-event'] as const satisfies readonly SchemaName[];

/**
 * Schemas whose every field must carry a classification tag: the inputs and everything derived
 * from them before formatting. The outbound envelope is exempt: its payload is built only from a
 * minimised record, which is classified.
 */
export const CLASSIFIED_SCHEMA_NAMES = [
  'loan-event',
  'consent-event',
  'consented-loan-event',
  'minimised-pboc-crc-record',
  'minimised-baihang-record',
  'minimised-metro2-record',
] as const satisfies readonly SchemaName[];

export * from './errors';
export * from './wire-format';
export * from './backward-compatibility';
export * from './schema-registry.client';
export * from './avro-serde';
export * from './bounded-decoding';
export * from './avro-serde.config';

export * from './violation';
export * from './errors';
export * from './record-rule';
export * from './bureau-format';
export * from './local-time';

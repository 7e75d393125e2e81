export * from './bureau-formats.registry';
export * from './submission-file';
export * from './errors';

export * from './write-submission-file';
export * from './record-selection';
export * from './submission-args';
export * from './outbound-topic.reader';
export * from './errors';
export * from './furnisher-identity';

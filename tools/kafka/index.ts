export * from './pipeline-client';
export * from './topic-offsets';
export * from './pipeline-drain';
export * from './prefixed-cleanup';

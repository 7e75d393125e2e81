export * from './pipeline-client';
export * from './topic-offsets';

export * from './pipeline-client';

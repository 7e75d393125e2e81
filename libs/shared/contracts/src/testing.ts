export * from './testing/overrides';
export * from './testing/loan-event.builders';
export * from './testing/pipeline.builders';
export * from './testing/history.fixtures';

export * from './encoded-value';
export * from './stage';
export * from './stage-observer';

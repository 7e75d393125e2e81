export * from './stage';
export * from './stage-observer';

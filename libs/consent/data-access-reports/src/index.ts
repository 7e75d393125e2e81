export * from './why-report';
export * from './coverage-args';
export * from './coverage-report';
export * from './coverage-query';
export * from './bureau-state-render';

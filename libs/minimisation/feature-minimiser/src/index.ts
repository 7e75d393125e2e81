export * from './minimiser.config';
export * from './minimiser.metrics';
export * from './minimiser.stage';
export * from './minimiser.module';

export * from './minimiser.config';
export * from './minimiser.stage';
export * from './minimiser.module';

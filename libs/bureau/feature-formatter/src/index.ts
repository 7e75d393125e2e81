export * from './bureau-formatter.config';
export * from './bureau-formatter.stage';
export * from './bureau-formatter.module';

export * from './consent-filter.config';
export * from './consent-filter.stage';
export * from './consent-filter.module';

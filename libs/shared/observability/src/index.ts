export * from './metric-names';
export * from './prometheus-stage.observer';
export * from './readiness.service';
export * from './health.controller';
export * from './json-logger';
export * from './observability.module';

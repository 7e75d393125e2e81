export * from './consent-ledger.config';
export * from './consent-ledger.stage';
export * from './consent-ledger.module';

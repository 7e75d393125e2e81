export * from './consent-event.entity';
export * from './consent-data-source';
export * from './consent-ledger.repository';
export * from './consent-database.module';
export * from './database-errors';

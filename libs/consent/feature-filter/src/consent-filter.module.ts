import { Module, type DynamicModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ConsentDatabaseModule, ConsentFactsCache, ConsentLedgerRepository, ledgerWatermarkProviders } from '@furnish/consent-data-access';
import { SchemaCatalog, TOPICS, projectSchema } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import type { ConsentFilterConfig } from './consent-filter.config';
import { ConsentFilterMetrics } from './consent-filter.metrics';
import { ConsentFilterStage, LOAN_EVENT_FACT_PATHS } from './consent-filter.stage';

@Module({})
export class ConsentFilterModule {
  static register(config: ConsentFilterConfig): DynamicModule {
    const catalog = SchemaCatalog.load();
    const database = ConsentDatabaseModule.register({
      url: config.DATABASE_URL,
      sslCaFile: config.DATABASE_SSL_CA_FILE,
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: 'furnish-consent-filter',
      runMigrations: false,
      migrations: config.CONSENT_DB_MIGRATIONS,
      pseudonym: config,
    });
    return {
      module: ConsentFilterModule,
      imports: [
        ObservabilityModule,
        StageRuntimeModule.forStage({
          stage: ConsentFilterStage,
          config,
          schemas: catalog.readingTopicWith(TOPICS.loanEvents, projectSchema(catalog.latest('loan-event').json, LOAN_EVENT_FACT_PATHS)),
          deadLetterTopic: TOPICS.deadLetter['consent-filter'],
          imports: [database],
          providers: [
            ...ledgerWatermarkProviders({
              consentTopic: TOPICS.consentEvents,
              ledgerGroupId: config.CONSENT_LEDGER_GROUP,
              maxWaitMs: config.CONSENT_LEDGER_MAX_WAIT_MS,
              pollIntervalMs: config.CONSENT_LEDGER_POLL_MS,
            }),
            {
              provide: ConsentFactsCache,
              inject: [ConsentLedgerRepository],
              useFactory: (ledger: ConsentLedgerRepository) => new ConsentFactsCache(ledger, TOPICS.consentEvents, config.CONSENT_CACHE_MAX_BORROWERS),
            },
            { provide: ConsentFilterMetrics, inject: [Registry], useFactory: (registry: Registry) => new ConsentFilterMetrics(registry) },
          ],
        }),
      ],
    };
  }
}

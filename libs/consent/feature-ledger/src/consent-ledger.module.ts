import { Module, type DynamicModule } from '@nestjs/common';
import { brokerTimeCheckProviders, BureauFeedbackMetrics, BureauFeedbackRepository, ConsentDatabaseModule } from '@furnish/consent-data-access';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { Registry } from 'prom-client';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import type { ConsentLedgerConfig } from './consent-ledger.config';
import { ConsentLedgerStage } from './consent-ledger.stage';
import { ConsentLedgerMetrics } from './consent-ledger.metrics';

@Module({})
export class ConsentLedgerModule {
  static register(config: ConsentLedgerConfig): DynamicModule {
    const database = ConsentDatabaseModule.register({
      url: config.DATABASE_URL,
      sslCaFile: config.DATABASE_SSL_CA_FILE,
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: 'furnish-consent-ledger',
      runMigrations: true,
      migrations: config.CONSENT_DB_MIGRATIONS,
      pseudonym: config,
    });
    return {
      module: ConsentLedgerModule,
      imports: [
        ObservabilityModule,
        StageRuntimeModule.forStage({
          stage: ConsentLedgerStage,
          config,
          schemas: SchemaCatalog.load(),
          deadLetterTopic: TOPICS.deadLetter['consent-ledger'],
          imports: [database],
          providers: [
            ...brokerTimeCheckProviders(),
            { provide: ConsentLedgerMetrics, inject: [Registry], useFactory: (registry: Registry) => new ConsentLedgerMetrics(registry) },
            // Bureau feedback is imported by a command (npm run feedback); the ledger, which owns the database, exports its counters.
            {
              provide: BureauFeedbackMetrics,
              inject: [Registry, BureauFeedbackRepository],
              useFactory: (registry: Registry, repository: BureauFeedbackRepository) => new BureauFeedbackMetrics(registry, repository),
            },
          ],
        }),
      ],
    };
  }
}

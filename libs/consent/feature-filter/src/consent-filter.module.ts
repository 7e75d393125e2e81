import { Module, type DynamicModule } from '@nestjs/common';
import { ConsentDatabaseModule } from '@furnish/consent-data-access';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import type { ConsentFilterConfig } from './consent-filter.config';
import { ConsentFilterStage } from './consent-filter.stage';

@Module({})
export class ConsentFilterModule {
  static register(config: ConsentFilterConfig): DynamicModule {
    const database = ConsentDatabaseModule.register({
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: 'furnish-consent-filter',
      runMigrations: false,
    });
    return {
      module: ConsentFilterModule,
      imports: [
        ObservabilityModule,
        StageRuntimeModule.forStage({
          stage: ConsentFilterStage,
          config,
          schemas: SchemaCatalog.load(),
          deadLetterTopic: TOPICS.deadLetter['consent-filter'],
          imports: [database],
        }),
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Minimiser } from '@furnish/minimisation-domain';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import { consentAuditTrail } from '@furnish/consent-release-gate';
import type { MinimiserConfig } from './minimiser.config';
import { MinimiserMetrics } from './minimiser.metrics';
import { MinimiserStage } from './minimiser.stage';

@Module({})
export class MinimiserModule {
  static register(config: MinimiserConfig): DynamicModule {
    const schemas = SchemaCatalog.load();
    // Built here, not lazily: a policy that does not fit the schemas stops the service at start-up.
    const minimiser = new Minimiser({ catalog: schemas });
    const audit = consentAuditTrail(config, 'minimiser');
    return {
      module: MinimiserModule,
      imports: [
        ObservabilityModule,
        StageRuntimeModule.forStage({
          stage: MinimiserStage,
          config,
          // Consumption details and every other field no policy lists are skipped, never decoded.
          schemas: schemas.readingTopicWith(TOPICS.consentedLoanEvents, minimiser.readerSchema(schemas.latest('consented-loan-event').json)),
          deadLetterTopic: TOPICS.deadLetter.minimiser,
          imports: audit.imports,
          providers: [
            ...audit.providers,
            { provide: Minimiser, useValue: minimiser },
            { provide: MinimiserMetrics, inject: [Registry], useFactory: (registry: Registry) => new MinimiserMetrics(registry) },
          ],
        }),
      ],
    };
  }
}

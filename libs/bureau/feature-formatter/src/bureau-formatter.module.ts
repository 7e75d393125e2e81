import { Module, type DynamicModule } from '@nestjs/common';
import { BUREAU_CORRECTIONS, BUREAU_DELETIONS, BUREAU_FORMATS, BUREAU_RETRACTIONS } from '@furnish/bureau-formats';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import { consentReleaseGate } from '@furnish/consent-release-gate';
import type { BureauFormatterConfig } from './bureau-formatter.config';
import { BUREAU_CORRECTION_REGISTRY, BUREAU_DELETION_REGISTRY, BUREAU_FORMAT_REGISTRY, BUREAU_RETRACTION_REGISTRY, BureauFormatterStage } from './bureau-formatter.stage';
import { PublishedRecordSealer, publishedRecordKeyRingOf } from './published-record.sealer';

@Module({})
export class BureauFormatterModule {
  static register(config: BureauFormatterConfig): DynamicModule {
    const gate = consentReleaseGate(config, 'bureau-formatter');
    // Reads the mounted key ring now: a missing or invalid one stops start-up naming its variable.
    const sealer = new PublishedRecordSealer(publishedRecordKeyRingOf(config));
    return {
      module: BureauFormatterModule,
      imports: [
        ObservabilityModule,
        StageRuntimeModule.forStage({
          stage: BureauFormatterStage,
          config,
          schemas: SchemaCatalog.load(),
          deadLetterTopic: TOPICS.deadLetter['bureau-formatter'],
          imports: gate.imports,
          providers: [
            { provide: BUREAU_FORMAT_REGISTRY, useValue: BUREAU_FORMATS },
            { provide: BUREAU_DELETION_REGISTRY, useValue: BUREAU_DELETIONS },
            { provide: BUREAU_CORRECTION_REGISTRY, useValue: BUREAU_CORRECTIONS },
            { provide: BUREAU_RETRACTION_REGISTRY, useValue: BUREAU_RETRACTIONS },
            { provide: PublishedRecordSealer, useValue: sealer },
            ...gate.providers,
          ],
        }),
      ],
    };
  }
}

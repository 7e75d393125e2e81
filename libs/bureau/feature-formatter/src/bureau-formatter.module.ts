import { Module, type DynamicModule } from '@nestjs/common';
import { BUREAU_DELETIONS, BUREAU_FORMATS } from '@furnish/bureau-formats';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import { consentReleaseGate } from '@furnish/consent-release-gate';
import type { BureauFormatterConfig } from './bureau-formatter.config';
import { BUREAU_DELETION_REGISTRY, BUREAU_FORMAT_REGISTRY, BureauFormatterStage } from './bureau-formatter.stage';

@Module({})
export class BureauFormatterModule {
  static register(config: BureauFormatterConfig): DynamicModule {
    const gate = consentReleaseGate(config, 'bureau-formatter');
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
          providers: [{ provide: BUREAU_FORMAT_REGISTRY, useValue: BUREAU_FORMATS }, { provide: BUREAU_DELETION_REGISTRY, useValue: BUREAU_DELETIONS }, ...gate.providers],
        }),
      ],
    };
  }
}

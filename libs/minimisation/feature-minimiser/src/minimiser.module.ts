import { Module, type DynamicModule } from '@nestjs/common';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { ObservabilityModule } from '@furnish/shared-observability';
import { StageRuntimeModule } from '@furnish/shared-stage-runtime';
import type { MinimiserConfig } from './minimiser.config';
import { MinimiserStage } from './minimiser.stage';

@Module({})
export class MinimiserModule {
  static register(config: MinimiserConfig): DynamicModule {
    return {
      module: MinimiserModule,
      imports: [
        ObservabilityModule,
        StageRuntimeModule.forStage({ stage: MinimiserStage, config, schemas: SchemaCatalog.load(), deadLetterTopic: TOPICS.deadLetter.minimiser }),
      ],
    };
  }
}

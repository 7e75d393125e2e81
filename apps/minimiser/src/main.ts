import 'reflect-metadata';
import { bootstrapService } from '@furnish/shared-stage-runtime';
import { MinimiserModule, minimiserConfigSchema } from '@furnish/minimisation-feature-minimiser';

void bootstrapService({ name: 'minimiser', configSchema: minimiserConfigSchema, module: (config) => MinimiserModule.register(config) });

import 'reflect-metadata';
import { bootstrapService } from '@furnish/shared-stage-runtime';
import { BureauFormatterModule, bureauFormatterConfigSchema } from '@furnish/bureau-feature-formatter';

void bootstrapService({ name: 'bureau-formatter', configSchema: bureauFormatterConfigSchema, module: (config) => BureauFormatterModule.register(config) });

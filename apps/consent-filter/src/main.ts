import 'reflect-metadata';
import { bootstrapService } from '@furnish/shared-stage-runtime';
import { ConsentFilterModule, consentFilterConfigSchema } from '@furnish/consent-feature-filter';

void bootstrapService({ name: 'consent-filter', configSchema: consentFilterConfigSchema, module: (config) => ConsentFilterModule.register(config) });

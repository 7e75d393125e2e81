import 'reflect-metadata';
import { bootstrapService } from '@furnish/shared-stage-runtime';
import { ConsentLedgerModule, consentLedgerConfigSchema } from '@furnish/consent-feature-ledger';

void bootstrapService({ name: 'consent-ledger', configSchema: consentLedgerConfigSchema, module: (config) => ConsentLedgerModule.register(config) });

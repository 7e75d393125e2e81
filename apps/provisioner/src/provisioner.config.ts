import { z } from 'zod';
import { CONSENT_DATABASE_ENV } from '@furnish/consent-data-access';
import { CONNECTION_SECURITY_ENV } from '@furnish/shared-connection-security';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

/** The connection variables the services read (secured ones included), with the same defaults and validation. */
export const provisionerConfigSchema = z.object({
  ...CONNECTION_SECURITY_ENV,
  KAFKA_BROKERS: STAGE_RUNTIME_ENV.KAFKA_BROKERS,
  SCHEMA_REGISTRY_URL: STAGE_RUNTIME_ENV.SCHEMA_REGISTRY_URL,
  DATABASE_URL: CONSENT_DATABASE_ENV.DATABASE_URL,
});
export type ProvisionerConfig = z.infer<typeof provisionerConfigSchema>;

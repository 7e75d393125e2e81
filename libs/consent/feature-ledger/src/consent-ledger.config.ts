import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { CONSENT_DATABASE_ENV } from '@furnish/consent-data-access';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

export const consentLedgerConfigSchema = z.object({
  ...STAGE_RUNTIME_ENV,
  HTTP_PORT: env.port(9101),
  ...CONSENT_DATABASE_ENV,
});
export type ConsentLedgerConfig = z.infer<typeof consentLedgerConfigSchema>;

import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { CONSENT_DATABASE_ENV } from '@furnish/consent-data-access';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

export const consentFilterConfigSchema = z.object({
  ...STAGE_RUNTIME_ENV,
  HTTP_PORT: env.port(9102),
  ...CONSENT_DATABASE_ENV,
  /** One attempt's wait for the ledger; after it the chunk is retried with backoff, never decided. */
  CONSENT_LEDGER_MAX_WAIT_MS: env.int(10_000, 100, 600_000),
  /** The consent ledger's consumer group, whose committed offsets are the ledger's position. */
  CONSENT_LEDGER_GROUP: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must contain only letters, digits, . _ -').default('furnish.consent-ledger'),
  CONSENT_LEDGER_POLL_MS: env.int(25, 5, 10_000),
  CONSENT_CACHE_MAX_BORROWERS: env.int(200_000, 0, 50_000_000),
});
export type ConsentFilterConfig = z.infer<typeof consentFilterConfigSchema>;

import { z } from 'zod';
import { env } from '@furnish/shared-util-config';

/** Environment variables of the services that use the consent database (ledger and filter). */
export const CONSENT_DATABASE_ENV = {
  DATABASE_URL: env.url('postgres://postgres@127.0.0.1:5432/furnish', ['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: env.int(5, 1, 100),
  /**
   * Secret for pseudonymous borrower references in the ledger and the audit trail; ledger and filter
   * must share it. The default is for local development only.
   */
  CONSENT_PSEUDONYM_KEY: z.string().min(16, 'must be a secret of at least 16 characters').default('furnish-local-development-key'),
};

/** Environment variables of the services that wait for the consent ledger (filter, formatter). */
export const LEDGER_WATERMARK_ENV = {
  /** One attempt's wait for the ledger; after it the chunk is retried with backoff, never decided. */
  CONSENT_LEDGER_MAX_WAIT_MS: env.int(10_000, 100, 600_000),
  /** The consent ledger's consumer group, whose committed offsets are the ledger's position. */
  CONSENT_LEDGER_GROUP: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must contain only letters, digits, . _ -').default('furnish.consent-ledger'),
  CONSENT_LEDGER_POLL_MS: env.int(25, 5, 10_000),
};

import { z } from 'zod';
import { consumerGroupOf } from '@furnish/shared-contracts';
import { CONNECTION_SECURITY_ENV } from '@furnish/shared-connection-security';
import { env, ConfigError } from '@furnish/shared-util-config';

/** The key in the repository: accepted only in local mode, so a leaked repository reverses nothing in production. */
export const DEVELOPMENT_PSEUDONYM_KEY = 'furnish-local-development-key';

/** The only value of FURNISH_ENV that declares local development (set by `npm run stack:up`). */
export const LOCAL_MODE = 'local';

export const CONSENT_MIGRATION_MODES = ['on-start', 'verify'] as const;
export type ConsentMigrationMode = (typeof CONSENT_MIGRATION_MODES)[number];

/** Environment variables of the services that use the consent database (ledger and filter). */
export const CONSENT_DATABASE_ENV = {
  DATABASE_URL: env.url('postgres://postgres@127.0.0.1:5432/furnish', ['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: env.int(5, 1, 100),
  /** CA bundle for `sslmode=verify-full` (or verify-ca) in DATABASE_URL; default: the system CAs. */
  DATABASE_SSL_CA_FILE: CONNECTION_SECURITY_ENV.DATABASE_SSL_CA_FILE,
  /**
   * Secret for pseudonymous borrower references in the ledger and the audit trail; ledger and filter
   * must share it. The default is for local development only and refused outside local mode.
   */
  CONSENT_PSEUDONYM_KEY: z.string().min(16, 'must be a secret of at least 16 characters').default(DEVELOPMENT_PSEUDONYM_KEY),
  /** `local` declares a development machine; anything else (or unset) is treated as a real deployment. */
  FURNISH_ENV: z.string().optional(),
  /**
   * `on-start`: the ledger applies pending migrations at start-up (local, development). `verify`: no
   * service migrates (the provisioner's migrate Job does); each reports not-ready, naming the missing
   * migrations, until they are applied.
   */
  CONSENT_DB_MIGRATIONS: env.oneOf(CONSENT_MIGRATION_MODES, 'on-start'),
};

export interface PseudonymKeySettings {
  readonly CONSENT_PSEUDONYM_KEY: string;
  readonly FURNISH_ENV?: string | undefined;
}

/**
 * The pseudonym key to use, or a configuration error naming the variable when it is the development
 * default outside local mode: with a public key the references of low-entropy ids (national ID
 * numbers) could be reversed by hashing candidates.
 */
export function pseudonymKeyOf(settings: PseudonymKeySettings): string {
  if (settings.CONSENT_PSEUDONYM_KEY === DEVELOPMENT_PSEUDONYM_KEY && settings.FURNISH_ENV !== LOCAL_MODE) {
    throw new ConfigError([
      `CONSENT_PSEUDONYM_KEY: is the development default, refused outside local mode (FURNISH_ENV=${LOCAL_MODE}); set it from a secret`,
    ]);
  }
  return settings.CONSENT_PSEUDONYM_KEY;
}

/** Environment variables of the services that wait for the consent ledger (filter, formatter). */
export const LEDGER_WATERMARK_ENV = {
  /** One attempt's wait for the ledger; after it the chunk is retried with backoff, never decided. */
  CONSENT_LEDGER_MAX_WAIT_MS: env.int(10_000, 100, 600_000),
  /** The consent ledger's consumer group, whose committed offsets are the ledger's position. */
  CONSENT_LEDGER_GROUP: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must contain only letters, digits, . _ -').default(consumerGroupOf('consent-ledger')),
  CONSENT_LEDGER_POLL_MS: env.int(25, 5, 10_000),
};

import { DataSource, type DataSourceOptions } from 'typeorm';
import { resolveConnectionSecurity, type PostgresConnection, type PostgresTls } from '@furnish/shared-connection-security';
import { ConsentEventEntity } from './consent-event.entity';
import { CreateConsentLedger1763900000000 } from './migrations/1763900000000-create-consent-ledger';
import { BorrowerRefAndDecisions1763990000000 } from './migrations/1763990000000-borrower-ref-and-decisions';
import { PseudonymousLedger1765000000000 } from './migrations/1765000000000-pseudonymous-ledger';
import { AppendOnlyDecisionAudit1765100000000 } from './migrations/1765100000000-append-only-decision-audit';
import { AccountRefInAudit1765200000000 } from './migrations/1765200000000-account-ref-in-audit';
import { DeadLetterAccessAudit1765310000000 } from './migrations/1765310000000-dead-letter-access-audit';
import { ConsentInvalidationDeletions1765400000000 } from './migrations/1765400000000-consent-invalidation-deletions';
import { BureauFeedback1765420000000 } from './migrations/1765420000000-bureau-feedback';
import { ConsentEventTopic1765430000000 } from './migrations/1765430000000-consent-event-topic';
import { UpstreamCorrections1765500000000 } from './migrations/1765500000000-upstream-corrections';
import { InvalidationLookup1765510000000 } from './migrations/1765510000000-invalidation-lookup';
import { SealedPublishedRecords1765600000000 } from './migrations/1765600000000-sealed-published-records';
import { LeanerDecisionAudit1765700000000 } from './migrations/1765700000000-leaner-decision-audit';
import { OneFilterRowPerEvent1765800000000 } from './migrations/1765800000000-one-filter-row-per-event';

export const CONSENT_ENTITIES = [ConsentEventEntity];
export const CONSENT_MIGRATIONS = [
  CreateConsentLedger1763900000000,
  BorrowerRefAndDecisions1763990000000,
  PseudonymousLedger1765000000000,
  AppendOnlyDecisionAudit1765100000000,
  AccountRefInAudit1765200000000,
  DeadLetterAccessAudit1765310000000,
  ConsentInvalidationDeletions1765400000000,
  BureauFeedback1765420000000,
  ConsentEventTopic1765430000000,
  UpstreamCorrections1765500000000,
  InvalidationLookup1765510000000,
  SealedPublishedRecords1765600000000,
  LeanerDecisionAudit1765700000000,
  OneFilterRowPerEvent1765800000000,
];

/** Any fixed number: serialises migration runs of concurrently starting replicas. */
const MIGRATION_LOCK_ID = 727_001;

export interface ConsentDataSourceOptions {
  /** Without TLS parameters when `ssl` is given (see consentDatabaseConnection). */
  readonly url: string;
  readonly ssl?: false | PostgresTls;
  readonly poolSize?: number;
  readonly applicationName: string;
}

/**
 * DATABASE_URL and DATABASE_SSL_CA_FILE as node-postgres options: `sslmode` becomes `ssl` (verify-full
 * checks the chain against the CA and the host name). A ConfigError names the variable that is wrong.
 */
export function consentDatabaseConnection(databaseUrl: string, sslCaFile?: string): PostgresConnection {
  return resolveConnectionSecurity({ DATABASE_URL: databaseUrl, DATABASE_SSL_CA_FILE: sslCaFile }).postgres!;
}

/** The consent database's settings; schema changes only through migrations, never `synchronize`. */
export function consentDataSourceOptions(options: ConsentDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    ssl: options.ssl ?? false,
    entities: CONSENT_ENTITIES,
    migrations: CONSENT_MIGRATIONS,
    migrationsTableName: 'consent_migrations',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName,
    // JIT compiles plans PostgreSQL estimates as expensive; for our millisecond lookups it costs
    // ~10 ms of compilation per query (measured by npm run bench:consent).
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000, options: '-c jit=off' },
  };
}

/** The consent database outside Nest (tools, reports, the release gate of the submission tool). */
export function createConsentDataSource(options: ConsentDataSourceOptions): DataSource {
  return new DataSource(consentDataSourceOptions(options));
}

/** Runs pending migrations under an advisory lock, so replicas starting together do not race. */
export async function migrateConsentDatabase(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * The migrations this code expects that the database has not applied, in order (all of them for an
 * empty database). Reads only the migrations table, so it needs no more than SELECT on it.
 */
export async function pendingConsentMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ present }] = await dataSource.query(`SELECT to_regclass('consent_migrations') IS NOT NULL AS present`);
  const applied = new Set<string>(present ? (await dataSource.query('SELECT name FROM consent_migrations')).map((row: { name: string }) => row.name) : []);
  return CONSENT_MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name).filter((name) => !applied.has(name));
}

/** The migrate Job and the local stack: connects, applies what is pending, disconnects. Re-running applies nothing. */
export async function migrateConsentDatabaseAt(options: ConsentDataSourceOptions): Promise<string[]> {
  const dataSource = createConsentDataSource({ ...options, poolSize: 2 });
  await dataSource.initialize();
  try {
    return await migrateConsentDatabase(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

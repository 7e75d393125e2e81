import { randomBytes } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { ObservabilityModule, ReadinessService } from '@furnish/shared-observability';
import { CONSENT_MIGRATIONS, migrateConsentDatabaseAt } from './consent-data-source';
import { ConsentDatabaseModule, type ConsentDatabaseOptions } from './consent-database.module';

// Real PostgreSQL (DATABASE_URL's server); each test gets a throwaway database.
const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/furnish';
const urlOf = (database: string) => Object.assign(new URL(SERVER_URL), { pathname: `/${database}` }).toString();
const databases: string[] = [];
const modules: TestingModule[] = [];

async function onMaintenanceDatabase(sql: string): Promise<void> {
  const client = new Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `furnish_dbmodule_test_${randomBytes(4).toString('hex')}`;
  await onMaintenanceDatabase(`CREATE DATABASE ${name}`);
  databases.push(name);
  return urlOf(name);
}

async function startModule(options: Partial<ConsentDatabaseOptions> & Pick<ConsentDatabaseOptions, 'url'>): Promise<ReadinessService> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule,
      ConsentDatabaseModule.register({
        poolSize: 2,
        applicationName: 'consent-database-module-spec',
        runMigrations: true,
        pseudonym: { CONSENT_PSEUDONYM_KEY: 'consent-database-module-spec-key', FURNISH_ENV: 'local' },
        ...options,
      }),
    ],
  }).compile();
  modules.push(moduleRef);
  await moduleRef.init();
  return moduleRef.get(ReadinessService);
}

afterAll(async () => {
  for (const moduleRef of modules) await moduleRef.close();
  for (const name of databases) await onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const MIGRATION_NAMES = CONSENT_MIGRATIONS.map((Migration) => new Migration().name);

describe('ConsentDatabaseModule and CONSENT_DB_MIGRATIONS', () => {
  it('on-start: the ledger migrates at start-up and is ready', async () => {
    const readiness = await startModule({ url: await freshDatabase(), migrations: 'on-start' });
    expect(await readiness.failing()).toEqual([]);
  });

  it('verify: the ledger never migrates, names every missing migration, and is ready once the migrate Job ran', async () => {
    const url = await freshDatabase();
    const readiness = await startModule({ url, migrations: 'verify' });
    expect(await readiness.failing()).toEqual(MIGRATION_NAMES.map((name) => `database: migration ${name} not applied (run provisioner migrate)`));

    expect(await migrateConsentDatabaseAt({ url, applicationName: 'consent-database-module-spec' })).toEqual(MIGRATION_NAMES);
    expect(await readiness.failing()).toEqual([]);
  });

  it('verify: a database one migration behind is not ready, naming that migration', async () => {
    const url = await freshDatabase();
    await migrateConsentDatabaseAt({ url, applicationName: 'consent-database-module-spec' });
    const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1]!;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('DELETE FROM consent_migrations WHERE name = $1', [last]);
    await client.end();
    const readiness = await startModule({ url, migrations: 'verify', runMigrations: false });
    expect(await readiness.failing()).toEqual([`database: migration ${last} not applied (run provisioner migrate)`]);
  });
});

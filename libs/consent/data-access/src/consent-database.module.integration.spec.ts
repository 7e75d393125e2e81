import { createServer, connect, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { ObservabilityModule, ReadinessService } from '@furnish/shared-observability';
import { CONSENT_MIGRATIONS, migrateConsentDatabaseAt } from './consent-data-source';
import { ConsentDatabaseModule, type ConsentDatabaseOptions } from './consent-database.module';
import { TEST_SERVER_URL, ThrowawayDatabases } from './testing';

// Real PostgreSQL (DATABASE_URL's server); each test gets a throwaway database.
const databases = new ThrowawayDatabases('furnish_dbmodule_test');
const modules: TestingModule[] = [];

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
  await databases.dropAll();
});

const MIGRATION_NAMES = CONSENT_MIGRATIONS.map((Migration) => new Migration().name);

/** Readiness reasons once they stop changing from the start-up connect (the module connects in the background). */
async function settled(readiness: ReadinessService, expected: readonly string[], timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let reasons = await readiness.failing();
  while (JSON.stringify(reasons) !== JSON.stringify(expected) && Date.now() < deadline) {
    await sleep(100);
    reasons = await readiness.failing();
  }
  return reasons;
}

/** A TCP port that refuses connections until `open()`, then forwards to the real PostgreSQL. */
async function postgresBehindSwitch(): Promise<{ url: (database: string) => string; open(): Promise<void>; close(): Promise<void> }> {
  const upstream = new URL(TEST_SERVER_URL);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  return {
    url: (database) => Object.assign(new URL(databases.urlOf(database)), { hostname: '127.0.0.1', port: String(port) }).toString(),
    open: async () => {
      server = createServer((client) => {
        const forward = connect(Number(upstream.port || 5432), upstream.hostname);
        for (const socket of [client, forward]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(forward).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}

describe('ConsentDatabaseModule and CONSENT_DB_MIGRATIONS', () => {
  it('on-start: the ledger migrates at start-up and is ready', async () => {
    const readiness = await startModule({ url: (await databases.create()).url, migrations: 'on-start' });
    expect(await settled(readiness, [])).toEqual([]);
  });

  it('verify: the ledger never migrates, names every missing migration, and is ready once the migrate Job ran', async () => {
    const { url } = await databases.create();
    const readiness = await startModule({ url, migrations: 'verify' });
    const missing = MIGRATION_NAMES.map((name) => `database: migration ${name} not applied (run provisioner migrate)`);
    expect(await settled(readiness, missing)).toEqual(missing);

    expect(await migrateConsentDatabaseAt({ url, applicationName: 'consent-database-module-spec' })).toEqual(MIGRATION_NAMES);
    expect(await readiness.failing()).toEqual([]);
  });

  it('verify: a database one migration behind is not ready, naming that migration', async () => {
    const { url } = await databases.create();
    await migrateConsentDatabaseAt({ url, applicationName: 'consent-database-module-spec' });
    const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1]!;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('DELETE FROM consent_migrations WHERE name = $1', [last]);
    await client.end();
    const readiness = await startModule({ url, migrations: 'verify', runMigrations: false });
    const missing = [`database: migration ${last} not applied (run provisioner migrate)`];
    expect(await settled(readiness, missing)).toEqual(missing);
  });
});

describe('ConsentDatabaseModule while PostgreSQL refuses connections (issue 10)', () => {
  it('starts anyway, is not ready with the reason, retries and becomes ready (and migrated) when PostgreSQL answers', async () => {
    const database = await databases.create();
    const postgres = await postgresBehindSwitch();
    try {
      const readiness = await startModule({ url: postgres.url(database.name), migrations: 'on-start' });
      await sleep(1_500);
      const down = await readiness.failing();
      expect(down).toHaveLength(1);
      expect(down[0]).toMatch(/^database: cannot connect \(ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\); retrying$/);

      await postgres.open();
      expect(await settled(readiness, [], 30_000)).toEqual([]);
      // It migrated once it could: the ledger's tables exist on the real server.
      const client = new Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM consent_migrations');
      await client.end();
      expect(Number(rows[0]!.n)).toBe(MIGRATION_NAMES.length);
    } finally {
      await postgres.close();
    }
  });
});

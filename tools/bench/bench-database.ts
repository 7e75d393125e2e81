import { Client } from 'pg';

/**
 * The bench's databases live beside the stack's, named `<DATABASE_URL's database>_<suffix>`, and are
 * dropped and created afresh on every run. The consent tables are append-only (triggers refuse
 * DELETE), so a run on a shared database would inherit every earlier run's rows: an audit that grows
 * run after run, and consent rows of a topic name the bench deleted and recreated, which the filter's
 * change feed reads again from offset 0 (docs/performance.md, 2026-12-07).
 */
export function benchDatabaseUrl(appUrl: string, suffix: string): { name: string; url: string } {
  const name = `${new URL(appUrl).pathname.slice(1)}_${suffix}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`the bench's database would be named ${name}: DATABASE_URL's database name must be lower-case letters, digits and _`);
  return { name, url: Object.assign(new URL(appUrl), { pathname: `/${name}` }).toString() };
}

/** Drops the database (closing any session still on it); connects to the server's `postgres` database. */
export async function dropDatabase(appUrl: string, name: string): Promise<void> {
  await withAdmin(appUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`));
}

/** Drops the database if it exists and creates it empty. */
export async function recreateDatabase(appUrl: string, name: string): Promise<void> {
  await dropDatabase(appUrl, name);
  await withAdmin(appUrl, (admin) => admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`));
}

async function withAdmin<T>(appUrl: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: Object.assign(new URL(appUrl), { pathname: '/postgres' }).toString() });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server integration tests use: DATABASE_URL's, as the local stack sets it. */
export const TEST_SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/furnish';

/**
 * Databases of a spec's own on the test server, so it can migrate, break and drop them without
 * touching the stack's: `create` makes an empty one (a random name under the prefix), `dropAll`
 * drops every one it made, connections and all.
 */
export class ThrowawayDatabases {
  private readonly created: string[] = [];

  constructor(
    private readonly prefix: string,
    private readonly serverUrl = TEST_SERVER_URL,
  ) {}

  urlOf(database: string): string {
    return Object.assign(new URL(this.serverUrl), { pathname: `/${database}` }).toString();
  }

  async create(name = `${this.prefix}_${randomBytes(4).toString('hex')}`): Promise<{ readonly name: string; readonly url: string }> {
    await this.onMaintenanceDatabase(`CREATE DATABASE ${name}`);
    this.created.push(name);
    return { name, url: this.urlOf(name) };
  }

  async dropAll(): Promise<void> {
    for (const name of this.created.splice(0)) await this.onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  private async onMaintenanceDatabase(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.urlOf('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createConsentDataSource, migrateConsentDatabase } from './consent-data-source';
import type { NewConsentEvent } from './consent-ledger.repository';

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

/** A new throw-away database of `databases`, migrated and open: what a repository spec runs against. */
export async function openMigratedDatabase(databases: ThrowawayDatabases, applicationName: string): Promise<DataSource> {
  const { url } = await databases.create();
  const dataSource = createConsentDataSource({ url, poolSize: 4, applicationName });
  await dataSource.initialize();
  await migrateConsentDatabase(dataSource);
  return dataSource;
}

let storedOffset = 0;

/** A consent event as the ledger stores it, at the next offset of partition 0 of the contract topic. */
export function aStoredConsentEvent(consentId: string, version: number, action: NewConsentEvent['action'], bureaus: NewConsentEvent['bureaus'] = ['pboc-crc']): NewConsentEvent {
  storedOffset += 1;
  return {
    consentId,
    version,
    borrowerRef: 'ref-of-a-borrower',
    action,
    bureaus,
    effectiveAt: new Date('2024-01-01T00:00:00Z'),
    expiresAt: null,
    channel: 'APP',
    evidenceRef: 'sha256:spec',
    recordedAt: new Date('2024-01-01T00:00:00Z'),
    sourceTopic: 'lending.consent-events.v1',
    sourcePartition: 0,
    sourceOffset: String(storedOffset),
  };
}

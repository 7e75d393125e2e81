import { Client } from 'pg';
import { PostgresUnreachableError } from './errors';

export interface DatabaseTarget {
  /** The environment variable the URL came from, named in error messages. */
  readonly variable: string;
  readonly url: string;
}

const DUPLICATE_DATABASE = '42P04';
const CONNECT_TIMEOUT_MS = 5000;

/** Creates each target's database when missing, connecting to the server's `postgres` database. */
export async function ensureDatabases(targets: readonly DatabaseTarget[]): Promise<string[]> {
  const report: string[] = [];
  for (const target of targets) {
    const database = databaseName(target.url);
    const created = await ensureDatabase(target, database);
    report.push(`${database} (${created ? 'created' : 'exists'})`);
  }
  return report;
}

async function ensureDatabase(target: DatabaseTarget, database: string): Promise<boolean> {
  const maintenance = new URL(target.url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    throw new PostgresUnreachableError(
      `cannot reach PostgreSQL at ${redact(target.url)} (from ${target.variable}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
    throw error;
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

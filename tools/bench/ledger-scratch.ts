import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { migrateConsentDatabaseAt } from '@furnish/consent-data-access';
import { TOPICS } from '@furnish/shared-contracts';
import { benchDatabaseUrl, dropDatabase, recreateDatabase } from './bench-database';

/** The columns of consent_event a row is copied with (received_at takes its default). */
const COLUMNS = 'consent_id, version, borrower_ref, action, bureaus, effective_at, expires_at, channel, evidence_ref, recorded_at, source_topic, source_partition, source_offset';

export interface LedgerSize {
  readonly borrowers: number;
  readonly rows: number;
  /** consent_event with its indexes. */
  readonly bytes: number;
}

/**
 * A consent ledger of a chosen size for the cost curve, in a database of its own beside the
 * stack's (`<database>_ledger`, recreated and migrated on open, dropped afterwards):
 * consent_event is append-only (a trigger refuses DELETE), so rows loaded into the bench's ledger
 * could never be removed, and a database of its own holds exactly the rows loaded into it.
 */
export class ScratchLedger {
  private generated = 0;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly client: Client,
    private readonly serverUrl: string,
  ) {}

  /** `appUrl`: the bench's database; the ledger's is named after it. */
  static async open(appUrl: string): Promise<ScratchLedger> {
    const { name, url } = benchDatabaseUrl(appUrl, 'ledger');
    await recreateDatabase(appUrl, name);
    await migrateConsentDatabaseAt({ url, applicationName: 'furnish-bench-ledger' });
    const client = new Client({ connectionString: url, application_name: 'furnish-bench-ledger' });
    await client.connect();
    return new ScratchLedger(name, url, client, appUrl);
  }

  /**
   * Copies the consent rows whose consent id starts with `consentIdPrefix` from another ledger
   * database, positions and all; says how many rows and distinct borrowers it copied.
   */
  async copyFrom(sourceUrl: string, consentIdPrefix: string): Promise<{ rows: number; borrowers: number }> {
    if (!/^[A-Za-z0-9]+$/.test(consentIdPrefix)) throw new Error(`consent id prefix must be letters and digits (got ${consentIdPrefix})`);
    const rows = await withClient(sourceUrl, async (source) => (await source.query(`SELECT ${COLUMNS} FROM consent_event WHERE consent_id LIKE $1`, [`${consentIdPrefix}%`])).rows);
    if (rows.length === 0) return { rows: 0, borrowers: 0 };
    const result = await this.client.query(
      `INSERT INTO consent_event (${COLUMNS})
       SELECT ${COLUMNS}
         FROM json_to_recordset($1::json) AS e(consent_id text, version int, borrower_ref text, action text, bureaus text[], effective_at timestamptz,
                                                expires_at timestamptz, channel text, evidence_ref text, recorded_at timestamptz, source_topic text, source_partition int, source_offset bigint)`,
      [JSON.stringify(rows)],
    );
    return { rows: result.rowCount ?? 0, borrowers: new Set(rows.map((r: { borrower_ref: string }) => r.borrower_ref)).size };
  }

  /**
   * Adds generated borrowers, one grant each, until the ledger holds `borrowers` distinct ones.
   * Their references have the keyed ones' shape (128 bits, hex); their positions lie before the
   * consent topic's first offset (negative offsets, spread over its 6 partitions), so the filter's
   * change feed, which reads from the ledger group's committed offsets on, never meets them.
   */
  async growTo(borrowers: number): Promise<{ added: number; seconds: number }> {
    const started = performance.now();
    const { borrowers: now } = await this.size();
    const added = Math.max(0, borrowers - now);
    if (added > 0) {
      await this.client.query(
        `INSERT INTO consent_event (${COLUMNS})
         SELECT 'BX-' || g, 1, md5('bench-ledger-' || g), 'GRANTED',
                CASE WHEN g % 5 = 0 THEN ARRAY['metro2'] ELSE ARRAY['pboc-crc', 'baihang'] END,
                timestamptz '2023-01-01 00:00:00+00' + (g % 700) * interval '1 day',
                CASE WHEN g % 4 = 0 THEN timestamptz '2027-01-01 00:00:00+00' + (g % 300) * interval '1 day' END,
                'APP', 'sha256:' || md5(g::text), timestamptz '2023-01-01 00:00:00+00' + (g % 700) * interval '1 day',
                $3, (g % 6)::int, -1 - g / 6
           FROM generate_series($1::bigint, $2::bigint) AS g`,
        [this.generated + 1, this.generated + added, TOPICS.consentEvents],
      );
      this.generated += added;
    }
    await this.client.query('ANALYZE consent_event');
    return { added, seconds: (performance.now() - started) / 1000 };
  }

  async size(): Promise<LedgerSize> {
    const { rows } = await this.client.query<{ borrowers: string; rows: string; bytes: string }>(
      `SELECT count(DISTINCT borrower_ref) AS borrowers, count(*) AS rows, pg_total_relation_size('consent_event') AS bytes FROM consent_event`,
    );
    return { borrowers: Number(rows[0].borrowers), rows: Number(rows[0].rows), bytes: Number(rows[0].bytes) };
  }

  /** Closes the connection and drops the database (with any session still on it). */
  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
    await dropDatabase(this.serverUrl, this.name);
  }
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

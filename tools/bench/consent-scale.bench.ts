/**
 * Consent decision latency on a ledger of a million consent rows (`npm run bench:consent`).
 * Uses its own database (furnish_bench_consent), recreated on every run, so the numbers are for a
 * known table and nothing else. Prints a markdown report.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BUREAUS, TOPICS } from '@furnish/shared-contracts';
import { evaluateConsent } from '@furnish/consent-domain';
import { ConsentFactsCache, ConsentLedgerRepository, createConsentDataSource, migrateConsentDatabase } from '@furnish/consent-data-access';

const ROWS = Number(process.env.BENCH_CONSENT_ROWS ?? 1_000_000);
const BORROWERS = Math.round(ROWS * 0.4);
const BATCH = 500;
const BATCHES = 200;
const DATABASE = 'furnish_bench_consent';

const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (n: number) => n.toFixed(2);
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};
const randomBorrowers = (n: number) => Array.from({ length: n }, () => `B${Math.floor(Math.random() * BORROWERS)}`);

async function recreateDatabase(): Promise<string> {
  const admin = new Client({ connectionString: Object.assign(new URL(baseUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  return Object.assign(new URL(baseUrl), { pathname: `/${DATABASE}` }).toString();
}

async function main(): Promise<void> {
  const url = await recreateDatabase();
  const dataSource = createConsentDataSource({ url, applicationName: 'furnish-bench', poolSize: 4 });
  await dataSource.initialize();
  await migrateConsentDatabase(dataSource);

  let started = performance.now();
  // Server-side generation: ~1 consent event in 10 a withdrawal, a quarter of grants expiring,
  // bureaus mixed, spread over six topic partitions like the real topic.
  await dataSource.query(
    `INSERT INTO consent_event (consent_id, version, borrower_ref, action, bureaus, effective_at, expires_at,
                                channel, evidence_ref, recorded_at, source_topic, source_partition, source_offset)
     SELECT 'CNS-' || g, 1, md5('B' || (g % $2)),
            CASE WHEN g % 10 = 0 THEN 'WITHDRAWN' ELSE 'GRANTED' END,
            CASE g % 3 WHEN 0 THEN ARRAY['pboc-crc','baihang'] WHEN 1 THEN ARRAY['baihang'] ELSE ARRAY['metro2','pboc-crc'] END,
            timestamp '2023-01-01' + (g % 700) * interval '1 day',
            CASE WHEN g % 10 <> 0 AND g % 4 = 0 THEN timestamp '2025-06-01' + (g % 300) * interval '1 day' END,
            'APP', 'sha256:' || md5(g::text), now(), $3, g % 6, g / 6
       FROM generate_series(1, $1) AS g`,
    [ROWS, BORROWERS, TOPICS.consentEvents],
  );
  await dataSource.query('ANALYZE consent_event');
  const loadSeconds = (performance.now() - started) / 1000;
  const [{ size }] = await dataSource.query(`SELECT pg_size_pretty(pg_total_relation_size('consent_event')) AS size`);

  // md5 stands in for the keyed HMAC here: same lookups, and the load stays server-side.
  const ledger = new ConsentLedgerRepository(dataSource, (id) => createHash('md5').update(id).digest('hex'));
  for (let i = 0; i < 5; i++) await ledger.factsFor(randomBorrowers(BATCH)); // warm the connection pool and plan cache

  const cold: number[] = [];
  const decide: number[] = [];
  const warmBorrowers: string[][] = [];
  for (let i = 0; i < BATCHES; i++) {
    const borrowers = randomBorrowers(BATCH);
    warmBorrowers.push(borrowers);
    started = performance.now();
    const facts = await ledger.factsFor(borrowers);
    cold.push(performance.now() - started);
    started = performance.now();
    const eventTime = new Date('2025-03-01T00:00:00Z');
    for (const id of borrowers) for (const bureau of BUREAUS) evaluateConsent(facts.get(id) ?? [], bureau, eventTime);
    decide.push(performance.now() - started);
  }

  const cache = new ConsentFactsCache(ledger, TOPICS.consentEvents, 200_000);
  const positions = new Map([0, 1, 2, 3, 4, 5].map((p) => [p, BigInt(ROWS)]));
  for (const borrowers of warmBorrowers) await cache.factsFor(borrowers, positions);
  const cached: number[] = [];
  for (const borrowers of warmBorrowers) {
    started = performance.now();
    await cache.factsFor(borrowers, positions);
    cached.push(performance.now() - started);
  }

  const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.query(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT consent_id, version, borrower_ref, action, bureaus, effective_at, expires_at, source_partition, source_offset
       FROM consent_event WHERE borrower_ref = ANY($1) ORDER BY source_partition, source_offset`,
    [randomBorrowers(BATCH).map((id) => createHash('md5').update(id).digest('hex'))],
  );
  await dataSource.destroy();

  const c = summary(cold);
  const d = summary(decide);
  const w = summary(cached);
  const [pgVersion] = [(await versionOf(url)) ?? 'unknown'];
  console.log(`## Consent decision latency — ${new Date().toISOString().slice(0, 10)}

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${pgVersion}; Node ${process.version}.
Ledger: ${ROWS.toLocaleString('en')} consent events for ${BORROWERS.toLocaleString('en')} borrowers (${size} with indexes), loaded in ${loadSeconds.toFixed(1)} s.
Batches of ${BATCH} loan events with distinct random borrowers, ${BATCHES} batches.

| step | p50 per batch | p95 per batch | p99 per batch | p50 per event |
|---|---|---|---|---|
| ledger read, uncached borrowers (one \`borrower_ref = ANY(...)\` query) | ${ms(c.p50)} ms | ${ms(c.p95)} ms | ${ms(c.p99)} ms | ${ms((c.p50 / BATCH) * 1000)} µs |
| rule evaluation, 3 bureaus per event | ${ms(d.p50)} ms | ${ms(d.p95)} ms | ${ms(d.p99)} ms | ${ms((d.p50 / BATCH) * 1000)} µs |
| cached borrowers (change-feed query + memory) | ${ms(w.p50)} ms | ${ms(w.p95)} ms | ${ms(w.p99)} ms | ${ms((w.p50 / BATCH) * 1000)} µs |

Query plan of the ledger read:

\`\`\`
${plan.map((r) => r['QUERY PLAN'].replace(/'\{[^}]*\}'/g, "'{…500 ids…}'")).join('\n')}
\`\`\``);
}

async function versionOf(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  return `PostgreSQL ${rows[0]?.server_version}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

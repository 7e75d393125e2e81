/**
 * The filter's once-per-event-id decision at scale (`node tools/run.js tools/bench/consent-idempotency.bench.ts`):
 * loads BENCH_DECIDED_EVENTS (default 10 million) decided event ids — a claim each in
 * loan_event_claim and their audit rows in consent_decision, spread over 13 months of partitions —
 * then times ConsentDecisionRepository.decideOnce for chunks of 500 new event ids and 500 redelivered
 * ones. Its own database (furnish_bench_idempotency), recreated on every run — or, with
 * BENCH_REUSE_DATABASE=1, the one a previous run loaded, timed as it is. Prints a markdown report.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BUREAUS } from '@furnish/shared-contracts';
import { ConsentDecisionRepository, createConsentDataSource, migrateConsentDatabase, type DecisionCandidate } from '@furnish/consent-data-access';

const EVENTS = Number(process.env.BENCH_DECIDED_EVENTS ?? 10_000_000);
/** Audit rows per decided event loaded (the filter writes one per release sent on, plus one for the rest: 1–3). */
const ROWS_PER_EVENT = Number(process.env.BENCH_AUDIT_ROWS_PER_EVENT ?? 1);
const BATCH = 500;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const DATABASE = 'furnish_bench_idempotency';
const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish');

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${percentile(sorted, 50).toFixed(2)} ms | ${percentile(sorted, 95).toFixed(2)} ms | ${percentile(sorted, 99).toFixed(2)} ms | ${((percentile(sorted, 50) / BATCH) * 1000).toFixed(1)} µs`;
};

async function recreateDatabase(): Promise<string> {
  const admin = new Client({ connectionString: Object.assign(new URL(baseUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  return Object.assign(new URL(baseUrl), { pathname: `/${DATABASE}` }).toString();
}


async function load(dataSource: Awaited<ReturnType<typeof createConsentDataSource>>): Promise<number> {
  // The last 13 months of partitions hold the load (the migration creates the month before this one onwards).
  await dataSource.query(`SELECT consent_decision_add_partitions((date_trunc('month', now()) - interval '13 months')::date, 14)`);

  const started = performance.now();
  const chunk = 1_000_000;
  for (let from = 1; from <= EVENTS; from += chunk) {
    const to = Math.min(EVENTS, from + chunk - 1);
    // Claims spread over the last 396 days; ids look like UUIDs (36 characters) as in production.
    await dataSource.query(
      `INSERT INTO loan_event_claim (event_id, source_partition, source_offset, claimed_at)
       SELECT uuid_in(md5('e' || g)::cstring)::text, g % 6, g / 6, now() - (g % 396) * interval '1 day' - (g % 86400) * interval '1 second'
         FROM generate_series($1::bigint, $2::bigint) AS g`,
      [from, to],
    );
    await dataSource.query(
      `INSERT INTO consent_decision (event_id, bureau, stage, decision, reason, consent_id, consent_version, borrower_ref, event_occurred_at, decided_at, ledger_position)
       SELECT uuid_in(md5('e' || g)::cstring)::text, (ARRAY['pboc-crc','baihang','metro2'])[1 + (g + b) % 3], 'consent-filter',
              CASE WHEN g % 3 = 0 THEN 'WITHHELD' ELSE 'RELEASED' END, CASE WHEN g % 3 = 0 THEN 'NO_CONSENT' END,
              CASE WHEN g % 3 = 0 THEN NULL ELSE 'CNS-' || (g % 400000) END, CASE WHEN g % 3 = 0 THEN NULL ELSE 1 END,
              md5('B' || (g % 4000000)), now() - (g % 396) * interval '1 day', now() - (g % 396) * interval '1 day', '{"0":"1"}'::jsonb
         FROM generate_series($1::bigint, $2::bigint) AS g CROSS JOIN generate_series(1, $3) AS b`,
      [from, to, ROWS_PER_EVENT],
    );
  }
  await dataSource.query('VACUUM (ANALYZE) loan_event_claim');
  await dataSource.query('ANALYZE consent_decision');
  return (performance.now() - started) / 1000;
}

function candidate(eventId: string, offset: number): DecisionCandidate {
  return {
    eventId,
    partition: offset % 6,
    offset: String(offset),
    notSent: [],
    // The common shape: released to one bureau, withheld from the others (a RELEASED row and one row for the rest).
    decisions: BUREAUS.map((bureau, i) => ({
      eventId,
      bureau,
      borrowerRef: 'ref',
      accountRef: 'account-ref',
      ...(i === 0 ? { decision: 'RELEASED' as const, reason: null, consentId: 'CNS-1', consentVersion: 1 } : { decision: 'WITHHELD' as const, reason: 'NO_CONSENT' as const, consentId: null, consentVersion: null }),
      eventOccurredAt: new Date('2026-11-01T00:00:00Z'),
    })),
  };
}

const REUSE = process.env.BENCH_REUSE_DATABASE === '1';

async function main(): Promise<void> {
  const url = REUSE ? Object.assign(new URL(baseUrl), { pathname: `/${DATABASE}` }).toString() : await recreateDatabase();
  const dataSource = createConsentDataSource({ url, applicationName: 'furnish-bench-idempotency', poolSize: 2 });
  await dataSource.initialize();
  await migrateConsentDatabase(dataSource);
  let started = performance.now();
  const loadSeconds = REUSE ? 0 : await load(dataSource);
  const [{ claims, auditRows }]: { claims: number; auditRows: number }[] = await dataSource.query(
    `SELECT (SELECT count(*) FROM loan_event_claim)::int AS claims, (SELECT count(*) FROM consent_decision)::int AS "auditRows"`,
  );
  const sizes: { name: string; size: string }[] = await dataSource.query(`
    SELECT 'loan_event_claim (heap)' AS name, pg_size_pretty(pg_relation_size('loan_event_claim')) AS size
    UNION ALL SELECT 'loan_event_claim_pkey (event_id)', pg_size_pretty(pg_relation_size('loan_event_claim_pkey'))
    UNION ALL SELECT 'loan_event_claim_claimed_at_idx', pg_size_pretty(pg_relation_size('loan_event_claim_claimed_at_idx'))
    UNION ALL SELECT 'consent_decision (all partitions, with indexes)',
                     pg_size_pretty((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'consent_decision'::regclass))
    UNION ALL SELECT 'one month of consent_decision (with indexes)',
                     pg_size_pretty((SELECT max(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'consent_decision'::regclass))`);

  const repository = new ConsentDecisionRepository(dataSource);
  const context = () => ({ decidedAt: new Date(), ledgerPosition: { '0': '1' } });
  let offset = 1_000_000_000;
  for (let i = 0; i < 5; i++) await repository.decideOnce(Array.from({ length: BATCH }, () => candidate(randomUUID(), offset++)), context(), 400);

  const fresh: number[] = [];
  const duplicates: number[] = [];
  for (let i = 0; i < BATCHES; i++) {
    const batch = Array.from({ length: BATCH }, () => candidate(randomUUID(), offset++));
    started = performance.now();
    const settled = await repository.decideOnce(batch, context(), 400);
    fresh.push(performance.now() - started);
    if (settled.some((s) => s.kind !== 'decided')) throw new Error('a new event id was not decided');

    const ids: { id: string }[] = await dataSource.query(
      `SELECT uuid_in(md5('e' || (1 + floor(random() * $1))::bigint)::cstring)::text AS id FROM generate_series(1, $2)`,
      [claims, BATCH],
    );
    const redelivered = [...new Set(ids.map((r) => r.id))].map((id) => candidate(id, offset++));
    started = performance.now();
    const again = await repository.decideOnce(redelivered, context(), 400);
    duplicates.push(performance.now() - started);
    if (again.some((s) => s.kind !== 'duplicate')) throw new Error('a redelivered event id was decided again');
  }
  await dataSource.destroy();

  const cpus = os.cpus();
  const lines = [
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}.`,
    `${claims.toLocaleString('en')} decided event ids (claims) and ${auditRows.toLocaleString('en')} audit rows over 13 monthly partitions${REUSE ? ' (database of an earlier run)' : `, loaded in ${loadSeconds.toFixed(1)} s`}.`,
    '',
    '| relation | size |',
    '|---|---|',
    ...sizes.map((s) => `| ${s.name} | ${s.size} |`),
    '',
    `Chunks of ${BATCH} deliveries, ${BATCHES} each (claim + audit rows in one transaction):`,
    '',
    '| chunk | p50 | p95 | p99 | p50 per delivery |',
    '|---|---|---|---|---|',
    `| ${BATCH} new event ids (claimed, 3 decisions each appended in 2 rows) | ${summary(fresh)} |`,
    `| ${BATCH} redelivered event ids (found, one row of 3 DUPLICATE entries each appended) | ${summary(duplicates)} |`,
  ];
  console.log(lines.join('\n'));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

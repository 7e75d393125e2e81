import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createConsentDataSource, migrateConsentDatabase } from './consent-data-source';
import { ConsentDecisionRepository, type ConsentDecisionRow, type DecisionCandidate, type DecisionContext } from './consent-decision.repository';
import { ConsentFactsByRefRepository } from './consent-facts-by-ref.repository';
import { ConsentLedgerRepository, type NewConsentEvent } from './consent-ledger.repository';
import { DatabaseUnavailableError } from './database-errors';

// Only PostgreSQL is needed: each run migrates a throwaway database of its own and drops it.
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish';
const DATABASE = `furnish_repo_test_${randomBytes(6).toString('hex')}`;

function urlOf(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onMaintenanceDatabase(sql: string): Promise<void> {
  const client = new Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let dataSource: DataSource;
let ledger: ConsentLedgerRepository;
let decisions: ConsentDecisionRepository;

beforeAll(async () => {
  await onMaintenanceDatabase(`CREATE DATABASE ${DATABASE}`);
  dataSource = createConsentDataSource({ url: urlOf(DATABASE), poolSize: 2, applicationName: 'consent-repositories-spec' });
  await dataSource.initialize();
  await migrateConsentDatabase(dataSource);
  ledger = new ConsentLedgerRepository(dataSource);
  decisions = new ConsentDecisionRepository(dataSource);
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

let sequence = 0;

function anEvent(overrides: Partial<NewConsentEvent> = {}): NewConsentEvent {
  sequence += 1;
  return {
    consentId: `consent-${sequence}`,
    version: 1,
    borrowerId: `borrower-${sequence}`,
    borrowerRef: `ref-${sequence}`,
    action: 'GRANTED',
    bureaus: ['pboc-crc'],
    effectiveAt: new Date('2025-01-01T00:00:00.123Z'),
    expiresAt: new Date('2026-01-01T00:00:00.456Z'),
    channel: 'app',
    evidenceRef: `evidence-${sequence}`,
    recordedAt: new Date('2025-01-01T00:00:01.789Z'),
    sourcePartition: 0,
    sourceOffset: String(sequence),
    ...overrides,
  };
}

async function ledgerRows(): Promise<unknown[]> {
  return dataSource.query('SELECT * FROM consent_event ORDER BY consent_id, version');
}

describe('ConsentLedgerRepository against PostgreSQL', () => {
  it('appends every column and leaves received_at to its default', async () => {
    const event = anEvent({ bureaus: ['pboc-crc', 'metro2'] });
    const before: [{ now: Date }] = await dataSource.query('SELECT now()');

    await expect(ledger.append([event])).resolves.toBe(1);

    const [row] = await ledger.eventsByRef(event.borrowerRef!);
    const { receivedAt, ...stored } = row;
    expect(stored).toEqual(event);
    expect(receivedAt.getTime()).toBeGreaterThanOrEqual(before[0].now.getTime());
  });

  it('returns the number of new rows and ignores replays, in part or in whole', async () => {
    const first = [anEvent(), anEvent(), anEvent()];
    await expect(ledger.append(first)).resolves.toBe(3);
    const afterFirst = await ledgerRows();

    await expect(ledger.append(first)).resolves.toBe(0);
    expect(await ledgerRows()).toEqual(afterFirst);

    // A replayed event with other content is still the same (consent id, version): ignored.
    const changed = { ...first[0], channel: 'branch', bureaus: ['baihang'] };
    await expect(ledger.append([changed, anEvent(), anEvent()])).resolves.toBe(2);
    const [kept] = await ledger.eventsByRef(first[0].borrowerRef!);
    expect(kept.channel).toBe('app');
    expect(kept.bureaus).toEqual(['pboc-crc']);
  });

  it('counts an event repeated within one chunk once', async () => {
    const event = anEvent();
    await expect(ledger.append([event, { ...event }])).resolves.toBe(1);
  });

  it('treats an empty chunk as a no-op', async () => {
    await expect(ledger.append([])).resolves.toBe(0);
  });

  it('round-trips bureau lists of one, two and three bureaus, expiry or none, through factsFor', async () => {
    const one = anEvent({ bureaus: ['baihang'] });
    const two = anEvent({ bureaus: ['metro2', 'pboc-crc'] });
    const three = anEvent({ bureaus: ['pboc-crc', 'baihang', 'metro2'], expiresAt: null });
    const withdrawn = anEvent({ borrowerId: three.borrowerId, version: 2, consentId: three.consentId, action: 'WITHDRAWN', bureaus: ['metro2'], expiresAt: null });
    await ledger.append([one, two, three, withdrawn]);

    const facts = await ledger.factsFor([one.borrowerId, two.borrowerId, three.borrowerId, 'nobody']);

    expect(facts.get(one.borrowerId)).toEqual([expect.objectContaining({ bureaus: ['baihang'], expiresAt: one.expiresAt })]);
    expect(facts.get(two.borrowerId)).toEqual([expect.objectContaining({ bureaus: ['metro2', 'pboc-crc'] })]);
    expect(facts.get(three.borrowerId)?.sort((a, b) => a.version - b.version)).toEqual([
      { consentId: three.consentId, version: 1, action: 'GRANTED', bureaus: ['pboc-crc', 'baihang', 'metro2'], effectiveAt: three.effectiveAt, expiresAt: null },
      { consentId: three.consentId, version: 2, action: 'WITHDRAWN', bureaus: ['metro2'], effectiveAt: withdrawn.effectiveAt, expiresAt: null },
    ]);
    expect(facts.get('nobody')).toEqual([]);
  });

  it('round-trips bureau names that need quoting in an array literal', async () => {
    const odd = ['with "quotes"', 'back\\slash', 'a,comma', 'NULL', '{braces}', ' spaced '];
    const event = anEvent({ bureaus: odd });
    await ledger.append([event]);
    const facts = await ledger.factsFor([event.borrowerId]);
    expect(facts.get(event.borrowerId)?.[0].bureaus).toEqual(odd);
  });

  it('keeps offsets beyond 2^53 exact through changesSince', async () => {
    const partition = 7;
    const offsets = ['9007199254740993', '9007199254740994', '9223372036854775807'];
    await ledger.append(offsets.map((sourceOffset) => anEvent({ sourcePartition: partition, sourceOffset })));

    const changes = await ledger.changesSince(new Map([[partition, 9007199254740993n]]), [partition]);

    expect(changes.map((c) => c.offset)).toEqual([9007199254740993n, 9007199254740994n, 9223372036854775807n]);
    expect(changes.every((c) => c.partition === partition)).toBe(true);
  });

  it('stores a missing borrower reference as null', async () => {
    const event = anEvent({ borrowerRef: null });
    await ledger.append([event]);
    const [row]: { borrower_ref: string | null }[] = await dataSource.query('SELECT borrower_ref FROM consent_event WHERE consent_id = $1', [event.consentId]);
    expect(row.borrower_ref).toBeNull();
  });

  it('rethrows a constraint violation unchanged and maps a missing table to a wait error', async () => {
    await expect(ledger.append([anEvent({ bureaus: [] })])).rejects.toThrow(/consent_event_bureaus_check/);
    await expect(ledger.append([anEvent({ bureaus: [] })])).rejects.not.toBeInstanceOf(DatabaseUnavailableError);

    await dataSource.query('ALTER TABLE consent_event RENAME TO consent_event_away');
    try {
      await expect(ledger.append([anEvent()])).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await dataSource.query('ALTER TABLE consent_event_away RENAME TO consent_event');
    }
  });
});

describe('ConsentDecisionRepository against PostgreSQL', () => {
  const occurredAt = new Date('2025-03-01T10:00:00.001Z');

  function released(eventId: string, overrides: Partial<ConsentDecisionRow> = {}): ConsentDecisionRow {
    return {
      eventId,
      bureau: 'pboc-crc',
      borrowerRef: 'ref-d',
      decision: 'RELEASED',
      reason: null,
      consentId: 'consent-d',
      consentVersion: 3,
      eventOccurredAt: occurredAt,
      ...overrides,
    };
  }
  const context: DecisionContext = { decidedAt: new Date('2025-03-01T10:00:01.002Z'), ledgerPosition: { '0': '9007199254740993', '1': '12' } };

  const pick = ({ eventId, bureau, borrowerRef, decision, reason, consentId, consentVersion, eventOccurredAt, decidedAt, ledgerPosition }: Record<string, unknown>) => ({
    eventId,
    bureau,
    borrowerRef,
    decision,
    reason,
    consentId,
    consentVersion,
    eventOccurredAt,
    decidedAt,
    ledgerPosition,
  });

  it('records decisions, in the order appended', async () => {
    const rows = [released('ev-1'), released('ev-1', { bureau: 'metro2', decision: 'WITHHELD', reason: 'EXPIRED', consentId: null, consentVersion: null })];

    await decisions.record(rows, context);

    const stored = await decisions.forEvent('ev-1');
    expect(stored.map((r) => pick(r as never))).toEqual([
      { ...rows[0], ...context },
      { ...rows[1], ...context },
    ]);
    expect(stored.every((r) => r.stage === 'consent-filter')).toBe(true);
  });

  it('is append-only in the database: UPDATE and DELETE are refused', async () => {
    await decisions.record([released('ev-2')], context);
    await expect(dataSource.query(`UPDATE consent_decision SET decision = 'WITHHELD', reason = 'WITHDRAWN', consent_id = NULL WHERE event_id = 'ev-2'`)).rejects.toThrow(
      /consent_decision is append-only: UPDATE is not allowed/,
    );
    await expect(dataSource.query(`DELETE FROM consent_decision WHERE event_id = 'ev-2'`)).rejects.toThrow(/consent_decision is append-only: DELETE is not allowed/);
    expect((await decisions.forEvent('ev-2')).map((r) => r.decision)).toEqual(['RELEASED']);
  });

  it('stores decisions in the partition of their decision month', async () => {
    await decisions.record([released('ev-partition')], { ...context, decidedAt: new Date() });
    const [{ partition }]: { partition: string }[] = await dataSource.query(`SELECT tableoid::regclass::text AS partition FROM consent_decision WHERE event_id = 'ev-partition'`);
    const now = new Date();
    expect(partition).toBe(`consent_decision_${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`);
  });

  it('treats an empty list as a no-op', async () => {
    const [{ before }]: { before: number }[] = await dataSource.query('SELECT count(*)::int AS before FROM consent_decision');
    await decisions.record([], context);
    const [{ after }]: { after: number }[] = await dataSource.query('SELECT count(*)::int AS after FROM consent_decision');
    expect(after).toBe(before);
  });

  it('records a chunk of 1,500 decisions in one statement', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => released(`bulk-${i}`));
    await decisions.record(rows, context);
    const [{ count }]: { count: number }[] = await dataSource.query(`SELECT count(*)::int AS count FROM consent_decision WHERE event_id LIKE 'bulk-%'`);
    expect(count).toBe(1_500);
  });
});

describe('ConsentDecisionRepository.decideOnce: one decision per event id', () => {
  const occurredAt = new Date('2025-03-01T10:00:00.001Z');
  let n = 0;
  const at = (iso: string): DecisionContext => ({ decidedAt: new Date(iso), ledgerPosition: { '0': '5' } });
  const delivery = (eventId: string, offset: string, partition = 0, decision: 'RELEASED' | 'WITHHELD' = 'RELEASED'): DecisionCandidate => ({
    eventId,
    partition,
    offset,
    decisions: (['pboc-crc', 'metro2'] as const).map((bureau) => ({
      eventId,
      bureau,
      borrowerRef: 'ref-once',
      decision,
      reason: decision === 'RELEASED' ? null : 'WITHDRAWN',
      consentId: decision === 'RELEASED' ? 'consent-once' : null,
      consentVersion: decision === 'RELEASED' ? 1 : null,
      eventOccurredAt: occurredAt,
    })),
  });
  const fresh = () => `once-${++n}-${randomBytes(3).toString('hex')}`;
  const trail = async (eventId: string) => (await decisions.forEvent(eventId)).map((r) => `${r.bureau} ${r.decision}`);

  it('decides the first delivery and suppresses a redelivery at another offset, recording DUPLICATE rows', async () => {
    const id = fresh();
    const [first] = await decisions.decideOnce([delivery(id, '10')], at('2025-03-01T10:00:01Z'), 400);
    const [again] = await decisions.decideOnce([delivery(id, '99', 0, 'WITHHELD')], at('2025-03-02T10:00:01Z'), 400);

    expect(first.kind).toBe('decided');
    expect(again).toEqual({ kind: 'duplicate', bureaus: ['pboc-crc', 'metro2'] });
    expect(await trail(id)).toEqual(['pboc-crc RELEASED', 'metro2 RELEASED', 'pboc-crc DUPLICATE', 'metro2 DUPLICATE']);
  });

  it('suppresses the second of two deliveries of one event id in the same chunk', async () => {
    const id = fresh();
    const settled = await decisions.decideOnce([delivery(id, '20'), delivery(id, '21')], at('2025-03-01T10:00:01Z'), 400);
    expect(settled.map((s) => s.kind)).toEqual(['decided', 'duplicate']);
  });

  it('lets exactly one of two concurrent transactions decide an event id (two partitions racing)', async () => {
    const id = fresh();
    const other = createConsentDataSource({ url: urlOf(DATABASE), poolSize: 1, applicationName: 'consent-repositories-spec-2' });
    await other.initialize();
    try {
      const settled = await Promise.all([
        decisions.decideOnce([delivery(id, '30', 0)], at('2025-03-01T10:00:01Z'), 400),
        new ConsentDecisionRepository(other).decideOnce([delivery(id, '31', 1)], at('2025-03-01T10:00:01Z'), 400),
      ]);
      expect(settled.map(([s]) => s.kind).sort()).toEqual(['decided', 'duplicate']);
      expect((await trail(id)).filter((r) => r.endsWith('RELEASED'))).toHaveLength(2);
    } finally {
      await other.destroy();
    }
  });

  it('returns the earlier decisions, recording nothing new, when the same delivery is processed again (aborted Kafka transaction)', async () => {
    const id = fresh();
    await decisions.decideOnce([delivery(id, '40')], at('2025-03-01T10:00:01Z'), 400);
    const [redo] = await decisions.decideOnce([delivery(id, '40', 0, 'WITHHELD')], at('2025-03-01T10:05:00Z'), 400);

    expect(redo.kind).toBe('redone');
    expect(redo.kind === 'redone' && redo.decisions.map((d) => d.decision)).toEqual(['RELEASED', 'RELEASED']);
    expect(redo.kind === 'redone' && redo.decidedAt).toEqual(new Date('2025-03-01T10:00:01Z'));
    expect(await trail(id)).toEqual(['pboc-crc RELEASED', 'metro2 RELEASED']);
  });

  it('decides an event id again once its claim is older than the window', async () => {
    const id = fresh();
    await decisions.decideOnce([delivery(id, '50')], at('2025-01-01T00:00:00Z'), 30);
    const [inside] = await decisions.decideOnce([delivery(id, '51')], at('2025-01-30T00:00:00Z'), 30);
    const [after] = await decisions.decideOnce([delivery(id, '52', 0, 'WITHHELD')], at('2025-02-01T00:00:00Z'), 30);
    expect([inside.kind, after.kind]).toEqual(['duplicate', 'decided']);
  });
});

describe('ConsentFactsByRefRepository against PostgreSQL', () => {
  it('reads every consent fact of each borrower reference', async () => {
    const grant = anEvent({ borrowerRef: 'ref-by-ref' });
    const withdrawal = anEvent({ borrowerRef: 'ref-by-ref', action: 'WITHDRAWN', expiresAt: null });
    await ledger.append([grant, withdrawal, anEvent()]);
    const facts = await new ConsentFactsByRefRepository(dataSource).factsFor(['ref-by-ref', 'ref-none']);
    expect(facts.get('ref-by-ref')!.map((f) => `${f.consentId} ${f.action}`).sort()).toEqual([`${grant.consentId} GRANTED`, `${withdrawal.consentId} WITHDRAWN`].sort());
    expect(facts.get('ref-none')).toEqual([]);
  });
});

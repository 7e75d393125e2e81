import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createConsentDataSource, migrateConsentDatabase } from './consent-data-source';
import { ConsentDecisionRepository, releaseKey, type ConsentDecisionRow, type DecisionCandidate, type DecisionContext } from './consent-decision.repository';
import { ConsentFactsByRefRepository } from './consent-facts-by-ref.repository';
import { ConsentLedgerRepository, type NewConsentEvent } from './consent-ledger.repository';
import { DatabaseUnavailableError } from './database-errors';
import { CreateConsentLedger1763900000000 } from './migrations/1763900000000-create-consent-ledger';
import { BorrowerRefAndDecisions1763990000000 } from './migrations/1763990000000-borrower-ref-and-decisions';
import { PseudonymousLedger1765000000000 } from './migrations/1765000000000-pseudonymous-ledger';
import { ThrowawayDatabases } from './testing';
import { borrowerRef } from '@furnish/consent-domain';

const KEY = 'repository-spec-pseudonym-key';
const refOf = (borrowerId: string) => borrowerRef(KEY, borrowerId);

// Only PostgreSQL is needed: each run migrates a throwaway database of its own and drops it.
const databases = new ThrowawayDatabases('furnish_repo_test');
let databaseUrl: string;

let dataSource: DataSource;
let ledger: ConsentLedgerRepository;
let decisions: ConsentDecisionRepository;

beforeAll(async () => {
  databaseUrl = (await databases.create()).url;
  dataSource = createConsentDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'consent-repositories-spec' });
  await dataSource.initialize();
  await migrateConsentDatabase(dataSource);
  ledger = new ConsentLedgerRepository(dataSource, refOf);
  decisions = new ConsentDecisionRepository(dataSource);
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await databases.dropAll();
});

let sequence = 0;

function anEvent(overrides: Partial<NewConsentEvent> = {}): NewConsentEvent {
  sequence += 1;
  return {
    consentId: `consent-${sequence}`,
    version: 1,
    borrowerRef: refOf(`borrower-${sequence}`),
    action: 'GRANTED',
    bureaus: ['pboc-crc'],
    effectiveAt: new Date('2025-01-01T00:00:00.123Z'),
    expiresAt: new Date('2026-01-01T00:00:00.456Z'),
    channel: 'app',
    evidenceRef: `evidence-${sequence}`,
    recordedAt: new Date('2025-01-01T00:00:01.789Z'),
    sourceTopic: 'lending.consent-events.v1',
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

    await expect(ledger.append([event])).resolves.toEqual(['appended']);

    const [row] = await ledger.eventsByRef(event.borrowerRef);
    const { receivedAt, ...stored } = row;
    expect(stored).toEqual(event);
    expect(receivedAt.getTime()).toBeGreaterThanOrEqual(before[0].now.getTime());
  });

  it('tells new events, exact replays and reused versions with other content apart, writing only the new', async () => {
    const first = [anEvent(), anEvent(), anEvent()];
    await expect(ledger.append(first)).resolves.toEqual(['appended', 'appended', 'appended']);
    const afterFirst = await ledgerRows();

    // Redelivered from another topic position: still the same event.
    await expect(ledger.append(first.map((e) => ({ ...e, sourceOffset: '999999' })))).resolves.toEqual(['replayed', 'replayed', 'replayed']);
    expect(await ledgerRows()).toEqual(afterFirst);

    const changed = [
      { ...first[0], channel: 'branch' },
      { ...first[1], bureaus: ['baihang'] },
      { ...first[2], effectiveAt: new Date('2024-12-31T00:00:00Z') },
    ];
    const fresh = anEvent();
    await expect(ledger.append([...changed, fresh])).resolves.toEqual(['conflicting', 'conflicting', 'conflicting', 'appended']);
    const [kept] = await ledger.eventsByRef(first[0].borrowerRef);
    expect(kept.channel).toBe('app');
  });

  it('judges each content field, the bureau list as a set', async () => {
    const event = anEvent({ bureaus: ['pboc-crc', 'metro2'], expiresAt: null });
    await ledger.append([event]);
    const variants: Partial<NewConsentEvent>[] = [
      { borrowerRef: refOf('someone-else') },
      { action: 'WITHDRAWN' },
      { expiresAt: new Date('2030-01-01T00:00:00Z') },
      { evidenceRef: 'other-evidence' },
      { recordedAt: new Date('2025-01-01T00:00:02Z') },
    ];
    await expect(ledger.append(variants.map((v) => ({ ...event, ...v })))).resolves.toEqual(variants.map(() => 'conflicting'));
    await expect(ledger.append([{ ...event, bureaus: ['metro2', 'pboc-crc'] }])).resolves.toEqual(['replayed']);
  });

  it('judges an event repeated within one chunk against its first occurrence', async () => {
    const event = anEvent();
    await expect(ledger.append([event, { ...event }, { ...event, channel: 'branch' }])).resolves.toEqual(['appended', 'replayed', 'conflicting']);
  });

  it('treats an empty chunk as a no-op', async () => {
    await expect(ledger.append([])).resolves.toEqual([]);
  });

  it('stores no borrower id: only the keyed reference, found again from the id', async () => {
    const event = anEvent();
    await ledger.append([event]);
    const columns: { column_name: string }[] = await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'consent_event' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('borrower_id');
    const id = `borrower-${sequence}`;
    const raw: unknown[] = await dataSource.query(`SELECT 1 FROM consent_event e WHERE position($1 in e::text) > 0`, [id]);
    expect(raw).toEqual([]);
    expect((await ledger.factsFor([id])).get(id)).toEqual([expect.objectContaining({ consentId: event.consentId })]);
  });

  it('refuses a missing borrower reference', async () => {
    await expect(ledger.append([anEvent({ borrowerRef: null as unknown as string })])).rejects.toThrow(/borrower_ref/);
  });

  it('returns facts in ledger order, whatever their dates', async () => {
    const grant = anEvent({ sourcePartition: 3, sourceOffset: '10', effectiveAt: new Date('2025-06-01T00:00:00Z') });
    const withdrawal = anEvent({
      borrowerRef: grant.borrowerRef,
      sourcePartition: 3,
      sourceOffset: '11',
      action: 'WITHDRAWN',
      expiresAt: null,
      effectiveAt: new Date('2025-01-01T00:00:00Z'),
    });
    await ledger.append([withdrawal, grant]);
    const facts = await ledger.factsByRef([grant.borrowerRef]);
    expect(facts.get(grant.borrowerRef)?.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
  });

  it('round-trips bureau lists of one, two and three bureaus, expiry or none, through factsFor', async () => {
    const one = anEvent({ bureaus: ['baihang'] });
    const two = anEvent({ bureaus: ['metro2', 'pboc-crc'] });
    const three = anEvent({ bureaus: ['pboc-crc', 'baihang', 'metro2'], expiresAt: null });
    const withdrawn = anEvent({ borrowerRef: three.borrowerRef, version: 2, consentId: three.consentId, action: 'WITHDRAWN', bureaus: ['metro2'], expiresAt: null });
    await ledger.append([one, two, three, withdrawn]);

    const facts = await ledger.factsByRef([one.borrowerRef, two.borrowerRef, three.borrowerRef, 'nobody']);

    expect(facts.get(one.borrowerRef)).toEqual([expect.objectContaining({ bureaus: ['baihang'], expiresAt: one.expiresAt })]);
    expect(facts.get(two.borrowerRef)).toEqual([expect.objectContaining({ bureaus: ['metro2', 'pboc-crc'] })]);
    expect(facts.get(three.borrowerRef)?.sort((a, b) => a.version - b.version)).toEqual([
      { consentId: three.consentId, version: 1, action: 'GRANTED', bureaus: ['pboc-crc', 'baihang', 'metro2'], effectiveAt: three.effectiveAt, expiresAt: null },
      { consentId: three.consentId, version: 2, action: 'WITHDRAWN', bureaus: ['metro2'], effectiveAt: withdrawn.effectiveAt, expiresAt: null },
    ]);
    expect(facts.get('nobody')).toEqual([]);
  });

  it('round-trips bureau names that need quoting in an array literal', async () => {
    const odd = ['with "quotes"', 'back\\slash', 'a,comma', 'NULL', '{braces}', ' spaced '];
    const event = anEvent({ bureaus: odd });
    await ledger.append([event]);
    const facts = await ledger.factsByRef([event.borrowerRef]);
    expect(facts.get(event.borrowerRef)?.[0].bureaus).toEqual(odd);
  });

  it('keeps offsets beyond 2^53 exact through changesSince', async () => {
    const partition = 7;
    const offsets = ['9007199254740993', '9007199254740994', '9223372036854775807'];
    await ledger.append(offsets.map((sourceOffset) => anEvent({ sourcePartition: partition, sourceOffset })));

    const changes = await ledger.changesSince('lending.consent-events.v1', new Map([[partition, 9007199254740993n]]), new Map(), [partition], 100);

    expect(changes.map((c) => c.offset)).toEqual([9007199254740993n, 9007199254740994n, 9223372036854775807n]);
    expect(changes.every((c) => c.partition === partition)).toBe(true);
  });

  it('reads the change feed of one topic, in offset order, at most the limit per partition', async () => {
    const mine = 'feed-test.lending.consent-events.v1';
    const other = 'other.lending.consent-events.v1';
    await ledger.append([
      ...['5', '6', '7'].map((sourceOffset) => anEvent({ sourceTopic: mine, sourcePartition: 4, sourceOffset })),
      anEvent({ sourceTopic: mine, sourcePartition: 5, sourceOffset: '1' }),
      ...['6', '100'].map((sourceOffset) => anEvent({ sourceTopic: other, sourcePartition: 4, sourceOffset })),
    ]);

    const changes = await ledger.changesSince(mine, new Map([[4, 6n]]), new Map(), [4, 5], 1);

    expect(changes.map((c) => [c.partition, c.offset])).toEqual([
      [4, 6n],
      [5, 1n],
    ]);
    // An upper bound is exclusive and per partition.
    const bounded = await ledger.changesSince(mine, new Map([[4, 5n]]), new Map([[4, 7n], [5, 1n]]), [4, 5], 10);
    expect(bounded.map((c) => [c.partition, c.offset])).toEqual([
      [4, 5n],
      [4, 6n],
    ]);
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

describe('the pseudonymous-ledger migration', () => {
  let old: DataSource;

  beforeAll(async () => {
    old = createConsentDataSource({ url: (await databases.create()).url, poolSize: 3, applicationName: 'consent-migration-spec' });
    await old.initialize();
    const runner = old.createQueryRunner();
    await new CreateConsentLedger1763900000000().up(runner);
    await new BorrowerRefAndDecisions1763990000000().up(runner);
    await runner.release();
  });

  afterAll(async () => {
    if (old?.isInitialized) await old.destroy();
  });

  const insertOld = (consentId: string, borrowerId: string, ref: string | null) =>
    old.query(
      `INSERT INTO consent_event (consent_id, version, borrower_id, borrower_ref, action, bureaus, effective_at, channel, evidence_ref, recorded_at, source_partition, source_offset)
       VALUES ($1, 1, $2, $3, 'GRANTED', ARRAY['pboc-crc'], now(), 'app', 'ev', now(), 0, 1)`,
      [consentId, borrowerId, ref],
    );

  /** Whether any page of the table holds a raw borrower id (pageinspect reads the heap as stored). */
  async function rawIdBytesOnDisk(): Promise<boolean> {
    await old.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
    const [{ found }]: { found: boolean }[] = await old.query(
      `SELECT coalesce(bool_or(position(convert_to('RAW-BORROWER-', 'UTF8') IN get_raw_page('consent_event', n::int)) > 0), false) AS found
         FROM generate_series(0, pg_relation_size('consent_event') / current_setting('block_size')::int - 1) AS n`,
    );
    return found;
  }

  it('refuses to run while a row lacks its reference, then drops the raw id and keeps every row', async () => {
    await insertOld('old-1', 'RAW-BORROWER-0001', refOf('RAW-BORROWER-0001'));
    await insertOld('old-2', 'RAW-BORROWER-0002', null);
    const runner = old.createQueryRunner();
    try {
      await expect(new PseudonymousLedger1765000000000().up(runner)).rejects.toThrow(/1 rows without borrower_ref/);
      await old.query(`ALTER TABLE consent_event DISABLE TRIGGER consent_event_append_only`);
      await old.query(`DELETE FROM consent_event WHERE borrower_ref IS NULL`);
      await old.query(`ALTER TABLE consent_event ENABLE TRIGGER consent_event_append_only`);

      expect(await rawIdBytesOnDisk()).toBe(true);

      await new PseudonymousLedger1765000000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { consent_id: string; borrower_ref: string; text: string }[] = await old.query(`SELECT consent_id, borrower_ref, e::text AS text FROM consent_event e`);
    expect(rows.map((r) => [r.consent_id, r.borrower_ref])).toEqual([['old-1', refOf('RAW-BORROWER-0001')]]);
    expect(rows[0].text).not.toContain('RAW-BORROWER');
    // Not only hidden: the table was rewritten, so no page holds the dropped values any more.
    expect(await rawIdBytesOnDisk()).toBe(false);
    const state: { borrower_ref: string }[] = await old.query(`SELECT borrower_ref FROM consent_state`);
    expect(state).toEqual([{ borrower_ref: refOf('RAW-BORROWER-0001') }]);
  });
});

describe('ConsentDecisionRepository against PostgreSQL', () => {
  const occurredAt = new Date('2025-03-01T10:00:00.001Z');

  function released(eventId: string, overrides: Partial<ConsentDecisionRow> = {}): ConsentDecisionRow {
    return {
      eventId,
      bureau: 'pboc-crc',
      borrowerRef: 'ref-d',
      accountRef: 'account-d',
      decision: 'RELEASED',
      reason: null,
      consentId: 'consent-d',
      consentVersion: 3,
      eventOccurredAt: occurredAt,
      ...overrides,
    };
  }
  const context: DecisionContext = { decidedAt: new Date('2025-03-01T10:00:01.002Z'), ledgerPosition: { '0': '9007199254740993', '1': '12' } };

  const pick = ({ eventId, bureau, borrowerRef, accountRef, decision, reason, consentId, consentVersion, eventOccurredAt, decidedAt, ledgerPosition }: Record<string, unknown>) => ({
    eventId,
    bureau,
    borrowerRef,
    accountRef,
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

  it('writes a row per release sent on and one row for the rest of the event, which consent_decision_entry reads as one entry per bureau', async () => {
    const rows = [
      released('ev-one-row'),
      released('ev-one-row', { bureau: 'baihang', decision: 'WITHHELD', reason: 'NO_CONSENT', consentId: null, consentVersion: null }),
      released('ev-one-row', { bureau: 'metro2', decision: 'WITHHELD', reason: 'EXPIRED', consentId: null, consentVersion: null }),
    ];
    await decisions.record(rows, context);

    const stored: { bureau: string | null; decision: string | null; consent_id: string | null; decisions: unknown }[] = await dataSource.query(
      `SELECT bureau, decision, consent_id, decisions FROM consent_decision WHERE event_id = 'ev-one-row' ORDER BY id`,
    );
    expect(stored).toEqual([
      { bureau: 'pboc-crc', decision: 'RELEASED', consent_id: 'consent-d', decisions: null },
      {
        bureau: null,
        decision: null,
        consent_id: null,
        decisions: [
          ['baihang', 'WITHHELD', 'NO_CONSENT', null, null],
          ['metro2', 'WITHHELD', 'EXPIRED', null, null],
        ],
      },
    ]);
    const entries = await decisions.forEvent('ev-one-row');
    expect(entries.map((e) => [e.entry, e.bureau, e.decision, e.reason, e.consentId, e.consentVersion])).toEqual([
      [1, 'pboc-crc', 'RELEASED', null, 'consent-d', 3],
      [1, 'baihang', 'WITHHELD', 'NO_CONSENT', null, null],
      [2, 'metro2', 'WITHHELD', 'EXPIRED', null, null],
    ]);
    expect(entries[1].id).toBe(entries[2].id);
    expect(entries.map((r) => pick(r as never))).toEqual(rows.map((row) => ({ ...row, ...context })));
    // The release-time re-check finds the release in its own row.
    expect([...(await decisions.releasedDecisions([{ eventId: 'ev-one-row', bureau: 'pboc-crc' }])).keys()]).toEqual([releaseKey('ev-one-row', 'pboc-crc')]);
  });

  it('refuses a filter row whose document breaks a rule the per-bureau rows are held to', async () => {
    const insert = (columns: string, values: string) =>
      dataSource.query(`INSERT INTO consent_decision (event_id, stage, decided_at, ${columns}) VALUES ('ev-bad-document', ${values})`);
    const filterRow = (decisions: unknown[]) => insert('decisions', `'consent-filter', now(), '${JSON.stringify(decisions)}'::jsonb`);

    // A release sent on keeps its own row, where the release-time re-check (of any version) reads it.
    await expect(filterRow([['pboc-crc', 'RELEASED', null, 'c', 1]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'WITHHELD', null, null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'NOT_REPORTABLE', null, null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'PUBLISHED', null, null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([[null, 'DUPLICATE', null, null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'DUPLICATE', null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    // Values of another type compare as unknown in jsonpath: each is refused by its type, not let through.
    await expect(filterRow([['pboc-crc', 1, null, null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'WITHHELD', 7, null, null]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'NOT_REPORTABLE', null, 'c', 1.5]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'NOT_REPORTABLE', null, 'c', 3_000_000_000]])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(filterRow([['pboc-crc', 'DUPLICATE', null, null, '1']])).rejects.toThrow(/consent_decision_document_entries_check/);
    await expect(insert('decisions, original_record_id', `'consent-filter', now(), '[["pboc-crc", "DUPLICATE", null, null, null]]'::jsonb, 'r-1'`)).rejects.toThrow(
      /consent_decision_entry_or_document_check/,
    );
    await expect(filterRow([])).rejects.toThrow(/consent_decision_entry_or_document_check/);
    // A document is the filter's, and stands for the bureau and decision columns, never beside them.
    await expect(insert('decisions', `'bureau-formatter', now(), '[["pboc-crc", "DUPLICATE", null, null, null]]'::jsonb`)).rejects.toThrow(
      /consent_decision_entry_or_document_check/,
    );
    await expect(insert('bureau, decisions', `'consent-filter', now(), 'pboc-crc', '[["pboc-crc", "DUPLICATE", null, null, null]]'::jsonb`)).rejects.toThrow(
      /consent_decision_entry_or_document_check/,
    );
    await expect(insert('bureau', `'consent-filter', now(), 'pboc-crc'`)).rejects.toThrow(/consent_decision_entry_or_document_check/);
    // The rows the filter writes pass.
    await filterRow([
      ['baihang', 'WITHHELD', 'NO_CONSENT', null, null],
      ['metro2', 'NOT_REPORTABLE', null, 'c', 1],
    ]);
    await filterRow([['pboc-crc', 'DUPLICATE', null, null, null]]);
  });

  it('maintains two indexes for a filter row: the primary key and the event-id index every reader uses', async () => {
    // Every index entry is paid on every audit row, one row per loan event from the filter: an index
    // belongs here only with a query that reads through it (LeanerDecisionAudit1765700000000).
    const definitions: string[] = (await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'consent_decision'`)).map((i: { indexdef: string }) => i.indexdef);
    const full = definitions.filter((d) => !/ WHERE /.test(d)).map((d) => d.replace(/.* USING /, ''));
    const partial = definitions.filter((d) => / WHERE /.test(d)).map((d) => d.replace(/.* WHERE /, ''));

    expect(full.sort()).toEqual(['btree (decided_at, id)', 'btree (event_id, bureau)']);
    // Neither predicate holds for a filter row (RELEASED / WITHHELD / DUPLICATE, no original record).
    expect(partial.sort()).toEqual(["(decision = ANY (ARRAY['PUBLISHED'::text, 'DELETED'::text]))", '(original_record_id IS NOT NULL)']);
  });
});

describe('ConsentDecisionRepository.decideOnce: one decision per event id', () => {
  const occurredAt = new Date('2025-03-01T10:00:00.001Z');
  let n = 0;
  const at = (iso: string): DecisionContext => ({ decidedAt: new Date(iso), ledgerPosition: { '0': '5' } });
  const delivery = (eventId: string, offset: string, partition = 0, decision: 'RELEASED' | 'WITHHELD' = 'RELEASED', notSent: DecisionCandidate['notSent'] = []): DecisionCandidate => ({
    eventId,
    partition,
    offset,
    notSent,
    decisions: (['pboc-crc', 'metro2'] as const).map((bureau) => ({
      eventId,
      bureau,
      borrowerRef: 'ref-once',
      accountRef: 'account-once',
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
    const other = createConsentDataSource({ url: databaseUrl, poolSize: 1, applicationName: 'consent-repositories-spec-2' });
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

  it('audits a release its bureau does not receive as one NOT_REPORTABLE row naming the consent, once: a redo reads it back as the release, a duplicate adds nothing', async () => {
    const id = fresh();
    const [first] = await decisions.decideOnce([delivery(id, '60', 0, 'RELEASED', ['pboc-crc'])], at('2025-03-01T10:00:01Z'), 400);
    const [redo] = await decisions.decideOnce([delivery(id, '60', 0, 'RELEASED', ['pboc-crc'])], at('2025-03-01T10:05:00Z'), 400);
    const [again] = await decisions.decideOnce([delivery(id, '61', 0, 'RELEASED', ['pboc-crc'])], at('2025-03-02T10:00:01Z'), 400);

    expect([first.kind, redo.kind, again.kind]).toEqual(['decided', 'redone', 'duplicate']);
    // The release sent on is a row of its own, written ahead of the row holding the event's other decisions.
    expect(await trail(id)).toEqual(['metro2 RELEASED', 'pboc-crc NOT_REPORTABLE', 'pboc-crc DUPLICATE', 'metro2 DUPLICATE']);
    const [notReportable] = (await decisions.forEvent(id)).filter((r) => r.decision === 'NOT_REPORTABLE');
    expect(notReportable).toMatchObject({ stage: 'consent-filter', bureau: 'pboc-crc', reason: null, consentId: 'consent-once', consentVersion: 1, borrowerRef: 'ref-once', accountRef: 'account-once', eventOccurredAt: occurredAt });
    // The redo gets the decisions back as they were made: both bureaus released (the filter sends on only what each receives).
    expect(redo.kind === 'redone' && redo.decisions.map((d) => `${d.bureau} ${d.decision} ${d.consentId}`)).toEqual(['pboc-crc RELEASED consent-once', 'metro2 RELEASED consent-once']);
    // The release-time re-check finds no release to send; a correction of the event finds the consent it was released under.
    expect((await decisions.releasedDecisions([{ eventId: id, bureau: 'pboc-crc' }])).has(releaseKey(id, 'pboc-crc'))).toBe(false);
    const forCorrection = await decisions.releasedDecisions([{ eventId: id, bureau: 'pboc-crc' }], { includingNotSent: true });
    expect(forCorrection.get(releaseKey(id, 'pboc-crc'))).toMatchObject({ consentId: 'consent-once', consentVersion: 1 });
  });

  it('reads an older trail (RELEASED, then a NOT_REPORTABLE row without a consent) as the same release not sent: on a redo and for a correction', async () => {
    const id = fresh();
    const decidedAt = new Date('2025-03-01T10:00:01Z');
    // As a filter older than the one-row shape left it: the claim, both bureaus RELEASED, and pboc-crc's second row.
    await dataSource.query(`INSERT INTO loan_event_claim (event_id, source_partition, source_offset, claimed_at) VALUES ($1, 0, 80, $2)`, [id, decidedAt]);
    await dataSource.query(
      `INSERT INTO consent_decision (event_id, bureau, stage, decision, reason, consent_id, consent_version, borrower_ref, account_ref, event_occurred_at, decided_at, ledger_position)
       SELECT $1, b, 'consent-filter', d, NULL, c, v, 'ref-once', 'account-once', $2, $3, '{"0":"5"}'
         FROM (VALUES ('pboc-crc', 'RELEASED', 'consent-once', 1), ('metro2', 'RELEASED', 'consent-once', 1), ('pboc-crc', 'NOT_REPORTABLE', NULL, NULL)) AS r(b, d, c, v)`,
      [id, occurredAt, decidedAt],
    );

    const [redo] = await decisions.decideOnce([delivery(id, '80', 0, 'RELEASED', ['pboc-crc'])], at('2025-03-01T10:05:00Z'), 400);
    expect(redo.kind === 'redone' && redo.decisions.map((d) => `${d.bureau} ${d.decision} ${d.consentId}`)).toEqual(['pboc-crc RELEASED consent-once', 'metro2 RELEASED consent-once']);
    expect(await trail(id)).toEqual(['pboc-crc RELEASED', 'metro2 RELEASED', 'pboc-crc NOT_REPORTABLE']);
    const forCorrection = await decisions.releasedDecisions([{ eventId: id, bureau: 'pboc-crc' }], { includingNotSent: true });
    expect(forCorrection.get(releaseKey(id, 'pboc-crc'))).toMatchObject({ consentId: 'consent-once', consentVersion: 1 });
  });

  it('finds a release at the decision time its record carries, reading that month’s partition only; at another time it finds none', async () => {
    const now = new Date();
    const decidedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 15, 12, 0, 0, 321));
    const partition = `consent_decision_${decidedAt.getUTCFullYear()}_${String(decidedAt.getUTCMonth() + 1).padStart(2, '0')}`;
    const id = fresh();
    await decisions.decideOnce([delivery(id, '70')], { decidedAt, ledgerPosition: { '0': '5' } }, 400);

    const statements: { sql: string; parameters: unknown[] }[] = [];
    const query = dataSource.query.bind(dataSource);
    const spy = jest.spyOn(dataSource, 'query').mockImplementation((...args: Parameters<DataSource['query']>) => {
      statements.push({ sql: args[0], parameters: (args[1] ?? []) as unknown[] });
      return query(...args);
    });
    let bounded: Awaited<ReturnType<ConsentDecisionRepository['releasedDecisions']>>;
    try {
      bounded = await decisions.releasedDecisions([{ eventId: id, bureau: 'pboc-crc', decidedAt }, { eventId: id, bureau: 'metro2', decidedAt }]);
    } finally {
      spy.mockRestore();
    }
    expect([...bounded.keys()].sort()).toEqual([releaseKey(id, 'metro2'), releaseKey(id, 'pboc-crc')]);
    expect(bounded.get(releaseKey(id, 'pboc-crc'))).toMatchObject({ consentId: 'consent-once', consentVersion: 1, borrowerRef: 'ref-once' });

    const [{ sql, parameters }] = statements;
    const [{ 'QUERY PLAN': plan }]: [{ 'QUERY PLAN': unknown }] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    const relations = new Set(JSON.stringify(plan).match(/"Relation Name":"[^"]+"/g)?.map((m) => m.slice('"Relation Name":"'.length, -1)));
    expect([...relations]).toEqual([partition]);

    const aMinuteOff = new Date(decidedAt.getTime() - 60_000);
    expect((await decisions.releasedDecisions([{ eventId: id, bureau: 'pboc-crc', decidedAt: aMinuteOff }])).size).toBe(0);
    // A key without a time (a record minimised before the header existed) makes the lookup read every partition.
    expect((await decisions.releasedDecisions([{ eventId: id, bureau: 'pboc-crc', decidedAt: aMinuteOff }, { eventId: id, bureau: 'metro2' }])).size).toBe(2);
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

describe('ConsentDecisionRepository.eachEventOccurredIn: a month of audit rows, event by event, in pages', () => {
  // Its own month, far from the other tests' dates, so only these events are in it.
  const inMonth = (day: number) => new Date(Date.UTC(2031, 4, day, 12));
  const decided = (eventId: string, accountRef: string, occurredAt: Date, decision: 'RELEASED' | 'WITHHELD', notSent: DecisionCandidate['notSent'] = []): DecisionCandidate => ({
    eventId,
    partition: 0,
    offset: String(occurredAt.getTime()),
    notSent,
    decisions: (['pboc-crc', 'baihang', 'metro2'] as const).map((bureau) => ({
      eventId,
      bureau,
      borrowerRef: 'ref-month',
      accountRef,
      decision,
      reason: decision === 'RELEASED' ? null : 'NO_CONSENT',
      consentId: decision === 'RELEASED' ? 'consent-month' : null,
      consentVersion: decision === 'RELEASED' ? 1 : null,
      eventOccurredAt: occurredAt,
    })),
  });

  it('hands over every event of the month once with all its rows, pages straddling events, and nothing of other months', async () => {
    const prefix = `month-${randomBytes(3).toString('hex')}`;
    const context = { decidedAt: new Date(Date.UTC(2031, 5, 1)), ledgerPosition: { '0': '1' } };
    await decisions.decideOnce(
      [
        decided(`${prefix}-a`, 'acct-1', inMonth(2), 'RELEASED'),
        decided(`${prefix}-b`, 'acct-1', inMonth(9), 'WITHHELD'),
        decided(`${prefix}-c`, 'acct-2', inMonth(31), 'RELEASED'),
        // Released to all three and sent to none: its only rows are NOT_REPORTABLE, and it is in the month all the same.
        decided(`${prefix}-d`, 'acct-3', inMonth(20), 'RELEASED', ['pboc-crc', 'baihang', 'metro2']),
        // The same as an older filter recorded it (RELEASED, then NOT_REPORTABLE without a consent), beside the new shape.
        decided(`${prefix}-e`, 'acct-4', inMonth(21), 'RELEASED'),
        decided(`${prefix}-next-month`, 'acct-2', new Date(Date.UTC(2031, 5, 1)), 'RELEASED'),
      ],
      context,
      400,
    );
    await decisions.append(
      [{ eventId: `${prefix}-a`, bureau: 'metro2', stage: 'bureau-formatter', decision: 'PUBLISHED', reason: null, consentId: 'consent-month', consentVersion: 1, recordId: 'rec-a', borrowerRef: null, eventOccurredAt: null }],
      new Date(Date.UTC(2031, 5, 1, 1)),
    );
    await dataSource.query(
      `INSERT INTO consent_decision (event_id, bureau, stage, decision, borrower_ref, account_ref, event_occurred_at, decided_at, ledger_position)
       SELECT $1, b, 'consent-filter', 'NOT_REPORTABLE', 'ref-month', 'acct-4', $2, $3, '{"0":"1"}' FROM unnest($4::text[]) AS b`,
      [`${prefix}-e`, inMonth(21), context.decidedAt, ['pboc-crc', 'baihang', 'metro2']],
    );
    const seen: { eventId: string; accountRef: string | null; rows: number; published: number }[] = [];
    const pages: number[] = [];
    // 3 filter rows per event (+1 PUBLISHED for a, +3 NOT_REPORTABLE for e) = 19 rows: pages of 4 cut events a and b in two.
    await decisions.eachEventOccurredIn(inMonth(1), new Date(Date.UTC(2031, 5, 1)), (events) => {
      pages.push(events.length);
      for (const e of events) seen.push({ eventId: e.eventId, accountRef: e.accountRef, rows: e.entries.length, published: e.entries.filter((x) => x.decision === 'PUBLISHED').length });
    }, 4);
    expect(seen.filter((e) => e.eventId.startsWith(prefix)).sort((x, y) => x.eventId.localeCompare(y.eventId))).toEqual([
      { eventId: `${prefix}-a`, accountRef: 'acct-1', rows: 4, published: 1 },
      { eventId: `${prefix}-b`, accountRef: 'acct-1', rows: 3, published: 0 },
      { eventId: `${prefix}-c`, accountRef: 'acct-2', rows: 3, published: 0 },
      { eventId: `${prefix}-d`, accountRef: 'acct-3', rows: 3, published: 0 },
      { eventId: `${prefix}-e`, accountRef: 'acct-4', rows: 6, published: 0 },
    ]);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
    expect(pages.length).toBeGreaterThan(1);
  });
});

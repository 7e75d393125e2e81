import type { DataSource, EntityManager } from 'typeorm';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import type { AuditEntry, AuditOutcome, AuditStage, CoverageEvent, WithholdReason } from '@furnish/consent-domain';
import { CONSENT_DECISION_ENTRY_COLUMNS, type ConsentDecisionEntry } from './consent-decision-entry';
import { withDatabase } from './database-errors';

/** The filter's decision about one (event, bureau). */
export interface ConsentDecisionRow {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly borrowerRef: string;
  /** Null on rows decided before the audit recorded accounts. */
  readonly accountRef: string | null;
  readonly decision: 'RELEASED' | 'WITHHELD';
  readonly reason: WithholdReason | null;
  readonly consentId: string | null;
  readonly consentVersion: number | null;
  readonly eventOccurredAt: Date;
}

/** What every decision of a chunk shares: when it was decided, and at which ledger position. */
export interface DecisionContext {
  readonly decidedAt: Date;
  readonly ledgerPosition: Readonly<Record<string, string>>;
}

/** One delivery of a loan event, with the decisions the filter would make for it now. */
export interface DecisionCandidate {
  readonly eventId: string;
  /** Where this delivery sits in the loan-event topic. */
  readonly partition: number;
  readonly offset: string;
  readonly decisions: readonly ConsentDecisionRow[];
  /**
   * Bureaus it is released to whose minimisation policy does not send this kind of event: each
   * audited as one NOT_REPORTABLE entry (stage consent-filter) naming the consent, in place of its
   * RELEASED row, and not put on the consented topic.
   */
  readonly notSent: readonly Bureau[];
}

/**
 * What became of a delivery:
 * - `decided`: first delivery of its event id; `candidate.decisions` were recorded and hold.
 * - `redone`: the same delivery (same partition and offset) decided before, whose Kafka transaction
 *   did not commit (a retry, a crash before commit): the earlier decisions hold and are returned.
 * - `duplicate`: another delivery of an event id already decided within the window; nothing may be
 *   furnished for it. A DUPLICATE entry per bureau was recorded.
 */
export type Settlement =
  | { readonly kind: 'decided'; readonly decisions: readonly ConsentDecisionRow[]; readonly decidedAt: Date }
  | { readonly kind: 'redone'; readonly decisions: readonly ConsentDecisionRow[]; readonly decidedAt: Date }
  | { readonly kind: 'duplicate'; readonly bureaus: readonly Bureau[] };

/** A row the formatter (or another stage) appends about a released record. */
export interface StageAuditRow {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly stage: AuditStage;
  readonly decision: Extract<AuditOutcome, 'WITHHELD_AT_RELEASE' | 'PUBLISHED' | 'NOT_REPORTABLE' | 'REJECTED' | 'DELETED' | 'CORRECTED'>;
  readonly reason: string | null;
  readonly consentId: string | null;
  readonly consentVersion: number | null;
  readonly recordId: string | null;
  readonly borrowerRef: string | null;
  readonly eventOccurredAt: Date | null;
  /** DELETED and CORRECTED rows: the record the deletion or correction (recordId) deletes or corrects. */
  readonly originalRecordId?: string | null;
  /** DELETED rows: where the invalidation that caused it sits on the consent topic ({partition: offset}). */
  readonly ledgerPosition?: Readonly<Record<string, string>> | null;
}

/** The filter's release of an (event, bureau), as the release-time re-check needs it. */
export interface ReleasedDecision {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly borrowerRef: string;
  readonly eventOccurredAt: Date;
  readonly consentId: string;
  readonly consentVersion: number;
}

interface ClaimRow {
  event_id: string;
  source_partition: number;
  source_offset: string;
}

interface DecisionRowRaw {
  event_id: string;
  bureau: Bureau;
  borrower_ref: string;
  account_ref: string | null;
  /** As RELEASED_OR_WITHHELD_SQL reads it. */
  decision: 'RELEASED' | 'WITHHELD';
  reason: WithholdReason | null;
  consent_id: string | null;
  consent_version: number | null;
  event_occurred_at: Date;
  decided_at: Date;
}

/**
 * Whether a row is the filter's decision about its (event, bureau), as `isFilterDecision`
 * (consent-domain) says: RELEASED, WITHHELD, or a release its bureau's policy does not send, one
 * NOT_REPORTABLE row naming the consent (older trails hold RELEASED and a NOT_REPORTABLE row without one).
 */
export const FILTER_DECISION_SQL = `stage = 'consent-filter' AND (decision IN ('RELEASED', 'WITHHELD') OR (decision = 'NOT_REPORTABLE' AND consent_id IS NOT NULL))`;

/** A FILTER_DECISION_SQL row's decision as RELEASED or WITHHELD: a release not sent was a release all the same. */
export const RELEASED_OR_WITHHELD_SQL = `CASE decision WHEN 'WITHHELD' THEN 'WITHHELD' ELSE 'RELEASED' END`;

/**
 * The filter's rows of a chunk, from one JSON document with an entry per event holding what its
 * decisions share once (the occurrence time as epoch milliseconds, not an ISO string):
 * - each release sent on (`r`: `[bureau, consent id, consent version]`) is a RELEASED row of its own,
 *   as the release-time re-check reads it (and a formatter of any version during a rollout);
 * - the event's other decisions (`d`: withheld, released but not sent, duplicate, each
 *   `[bureau, decision, reason, consent id, consent version]`) share one row whose `decisions`
 *   document `consent_decision_entry` expands (OneFilterRowPerEvent1765800000000).
 * A row per bureau was most of PostgreSQL's work per loan event (docs/performance.md).
 */
const INSERT_DECISIONS = `
  WITH e AS (SELECT * FROM json_to_recordset($1::json) AS e(id text, b text, a text, t bigint, r json, d jsonb))
  INSERT INTO consent_decision (event_id, bureau, stage, decision, consent_id, consent_version, decisions, borrower_ref, account_ref, event_occurred_at, decided_at, ledger_position)
  SELECT e.id, x.v->>0, 'consent-filter', 'RELEASED', x.v->>1, (x.v->>2)::int, NULL, e.b, e.a, 'epoch'::timestamptz + e.t * interval '1 millisecond', $2::timestamptz, $3::jsonb
    FROM e CROSS JOIN LATERAL json_array_elements(e.r) AS x(v)
  UNION ALL
  SELECT e.id, NULL, 'consent-filter', NULL, NULL, NULL, e.d, e.b, e.a, 'epoch'::timestamptz + e.t * interval '1 millisecond', $2::timestamptz, $3::jsonb
    FROM e WHERE e.d IS NOT NULL`;

/**
 * The audit rows of the events in $1, found through the (event_id, bureau) index alone, whatever other
 * index a later migration adds: written as a filter on the same scan, `stage = 'consent-filter'` once
 * let the planner AND in a partial index of filter rows (dropped since, LeanerDecisionAudit), read
 * whole: with a million rows and stale statistics that cost 110 ms per chunk and cut the formatter's
 * drain from ~10,000 to ~2,000 records/s. MATERIALIZED keeps the lookup by event id first.
 */
const OF_EVENTS = (from: AuditRelation) => `WITH of_events AS MATERIALIZED (SELECT * FROM ${from} WHERE event_id = ANY($1))`;

/** OF_EVENTS within the decision times [$2, $3): parameters the planner prunes the partitions by. */
const OF_EVENTS_DECIDED_WITHIN = (from: AuditRelation) =>
  `WITH of_events AS MATERIALIZED (SELECT * FROM ${from} WHERE event_id = ANY($1) AND decided_at >= $2 AND decided_at < $3)`;

/**
 * Where a query reads the audit: its entries (the view; every decision), or the table itself when it
 * reads only rows that are never in a filter row's document (a RELEASED row, a later stage's row).
 */
type AuditRelation = 'consent_decision_entry' | 'consent_decision';

/** An (event, bureau) whose release is looked up, and when the filter decided it if the caller knows. */
export interface ReleaseKey {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly decidedAt?: Date;
}

/**
 * [earliest − 1 ms, latest + 1 ms) of the keys' decision times; undefined unless every key has one.
 * A record carries its decision time in whole milliseconds; the margin keeps a row whose time has
 * sub-millisecond digits (written by SQL, not by the filter) inside the bound, however it was rounded.
 */
function decisionTimeBounds(keys: readonly ReleaseKey[]): { from: Date; until: Date } | undefined {
  let from = Infinity;
  let latest = -Infinity;
  for (const { decidedAt } of keys) {
    if (!decidedAt) return undefined;
    from = Math.min(from, decidedAt.getTime());
    latest = Math.max(latest, decidedAt.getTime());
  }
  return { from: new Date(from - 1), until: new Date(latest + 1) };
}

/** A row the filter writes: a decision, a suppressed duplicate, or a release its bureau's policy does not send. */
type AuditedRow = Omit<ConsentDecisionRow, 'decision'> & { readonly decision: 'RELEASED' | 'WITHHELD' | 'DUPLICATE' | 'NOT_REPORTABLE' };

/** INSERT_DECISIONS's document: consecutive rows of one event (as candidates hold them) share an entry. */
function decisionsDocument(rows: readonly AuditedRow[]): string {
  type Entry = { id: string; b: string; a: string | null; t: number; r: (string | number | null)[][]; d: (string | number | null)[][] | null };
  const events: Entry[] = [];
  let last: Entry | undefined;
  for (const row of rows) {
    const t = row.eventOccurredAt.getTime();
    if (!(last && last.id === row.eventId && last.b === row.borrowerRef && last.a === row.accountRef && last.t === t)) {
      events.push((last = { id: row.eventId, b: row.borrowerRef, a: row.accountRef, t, r: [], d: null }));
    }
    if (row.decision === 'RELEASED') last.r.push([row.bureau, row.consentId, row.consentVersion]);
    else (last.d ??= []).push([row.bureau, row.decision, row.reason, row.consentId, row.consentVersion]);
  }
  return JSON.stringify(events);
}

/** The append-only audit trail of consent decisions, and the claim of each loan event id. */
export class ConsentDecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Decides each delivery at most once per event id within `windowDays`, atomically with recording
   * the decisions: the claim (INSERT … ON CONFLICT on the event id) and the audit rows commit in one
   * transaction, so two deliveries racing in one chunk, in two partitions or on two replicas cannot
   * both be decided. A claim older than the window is renewed and the delivery decided afresh.
   * Results are in the order of `candidates`.
   */
  async decideOnce(candidates: readonly DecisionCandidate[], context: DecisionContext, windowDays: number): Promise<Settlement[]> {
    if (candidates.length === 0) return [];
    return withDatabase(() => this.dataSource.transaction((manager) => settle(manager, candidates, context, windowDays)));
  }

  /** Records the filter's decisions without claiming (tests and the bench: rows as they would be). */
  async record(rows: readonly ConsentDecisionRow[], { decidedAt, ledgerPosition }: DecisionContext): Promise<void> {
    if (rows.length === 0) return;
    await withDatabase(() => this.dataSource.query(INSERT_DECISIONS, [decisionsDocument(rows), decidedAt, JSON.stringify(ledgerPosition)]));
  }

  /** Appends what a later stage did with released records; never rewrites a row. */
  async append(rows: readonly StageAuditRow[], decidedAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (rows.length === 0) return;
    await withDatabase(() =>
      manager.query(
        `INSERT INTO consent_decision (event_id, bureau, stage, decision, reason, consent_id, consent_version, record_id, borrower_ref, event_occurred_at, original_record_id, ledger_position, decided_at)
         SELECT "eventId", bureau, stage, decision, reason, "consentId", "consentVersion", "recordId", "borrowerRef", "eventOccurredAt", "originalRecordId", "ledgerPosition", $2::timestamptz
           FROM json_to_recordset($1::json) AS r("eventId" text, bureau text, stage text, decision text, reason text, "consentId" text,
                                                  "consentVersion" int, "recordId" text, "borrowerRef" text, "eventOccurredAt" timestamptz, "originalRecordId" text,
                                                  "ledgerPosition" jsonb)`,
        [JSON.stringify(rows), decidedAt],
      ),
    );
  }

  /**
   * The filter's releases among the given (event, bureau) pairs, in one query: those it sent on,
   * and with `includingNotSent` also those its bureau's policy does not send (the consent a
   * correction of such an event is released under). When every key says when the filter decided
   * it, only the partitions of those times are read: an event-id lookup over every monthly
   * partition (26 created ahead, and each month of retention) cost PostgreSQL 7 ms of planning per
   * chunk against 2.5 ms of execution (pg_stat_statements, docs/performance.md).
   */
  async releasedDecisions(keys: readonly ReleaseKey[], { includingNotSent = false } = {}): Promise<Map<string, ReleasedDecision>> {
    const found = new Map<string, ReleasedDecision>();
    if (keys.length === 0) return found;
    const eventIds = [...new Set(keys.map((k) => k.eventId))];
    const decidedWithin = decisionTimeBounds(keys);
    // A release sent on is a RELEASED row of its own; one not sent is an entry of the event's document.
    const relation: AuditRelation = includingNotSent ? 'consent_decision_entry' : 'consent_decision';
    const rows: DecisionRowRaw[] = await withDatabase(() =>
      this.dataSource.query(
        `${decidedWithin ? OF_EVENTS_DECIDED_WITHIN(relation) : OF_EVENTS(relation)}
         SELECT event_id, bureau, borrower_ref, event_occurred_at, consent_id, consent_version
           FROM of_events WHERE ${includingNotSent ? `${FILTER_DECISION_SQL} AND decision <> 'WITHHELD'` : `stage = 'consent-filter' AND decision = 'RELEASED'`}`,
        decidedWithin ? [eventIds, decidedWithin.from, decidedWithin.until] : [eventIds],
      ),
    );
    for (const r of rows) {
      found.set(releaseKey(r.event_id, r.bureau), {
        eventId: r.event_id,
        bureau: r.bureau,
        borrowerRef: r.borrower_ref,
        eventOccurredAt: r.event_occurred_at,
        consentId: r.consent_id!,
        consentVersion: r.consent_version!,
      });
    }
    return found;
  }

  /**
   * Hands the loan events that occurred in [from, to) to `onEvents`, a page at a time, each with its
   * whole audit trail: a server-side cursor in one read-only snapshot, so a month of millions of
   * events is never held in memory at once. No payload and no borrower reference is read.
   */
  async eachEventOccurredIn(from: Date, to: Date, onEvents: (events: CoverageEvent[]) => void, pageSize = 20_000): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // Dates are formatted by us, never taken from input text: safe to inline (DECLARE takes no parameters).
      await runner.query(`DECLARE coverage_rows NO SCROLL CURSOR FOR ${MONTH_ROWS(from, to)}`);
      let pending: MonthRowRaw[] = [];
      for (;;) {
        const rows: MonthRowRaw[] = await runner.query(`FETCH ${pageSize} FROM coverage_rows`);
        if (rows.length === 0) break;
        // An event's rows may straddle two pages: the last event of a page waits for the next one.
        const all = pending.concat(rows);
        const lastId = all[all.length - 1].event_id;
        const complete = rows.length < pageSize ? all : all.filter((r) => r.event_id !== lastId);
        pending = rows.length < pageSize ? [] : all.filter((r) => r.event_id === lastId);
        onEvents(groupByEvent(complete));
        if (rows.length < pageSize) break;
      }
      if (pending.length > 0) onEvents(groupByEvent(pending));
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Every audit entry of an event, in the order they were appended. */
  async forEvent(eventId: string): Promise<ConsentDecisionEntry[]> {
    return withDatabase(() =>
      this.dataSource.query(`SELECT ${CONSENT_DECISION_ENTRY_COLUMNS} FROM consent_decision_entry e WHERE event_id = $1 ORDER BY e.id, e.entry`, [eventId]),
    );
  }
}

interface MonthRowRaw {
  event_id: string;
  bureau: Bureau;
  stage: AuditStage;
  decision: AuditOutcome;
  reason: string | null;
  consent_id: string | null;
  consent_version: number | null;
  record_id: string | null;
  decided_at: Date;
  account_ref: string | null;
  event_occurred_at: Date;
}

/**
 * Every audit row of the loan events that occurred in [from, to), with the account of the filter's
 * decision, ordered by event. Decisions follow the events they decide, so only decision partitions
 * from `from` on are read.
 */
const MONTH_ROWS = (from: Date, to: Date) => `
  SELECT d.event_id, d.bureau, d.stage, d.decision, d.reason, d.consent_id, d.consent_version, d.record_id, d.decided_at,
         f.account_ref, f.event_occurred_at
    FROM consent_decision_entry d
    JOIN (SELECT DISTINCT event_id, account_ref, event_occurred_at
            FROM consent_decision_entry
           WHERE ${FILTER_DECISION_SQL}
             AND event_occurred_at >= '${from.toISOString()}'::timestamptz AND event_occurred_at < '${to.toISOString()}'::timestamptz
             AND decided_at >= '${from.toISOString()}'::timestamptz) f USING (event_id)
   WHERE d.decided_at >= '${from.toISOString()}'::timestamptz
   ORDER BY d.event_id, d.id, d.entry`;

export const releaseKey = (eventId: string, bureau: string): string => `${bureau} ${eventId}`;

async function settle(manager: EntityManager, candidates: readonly DecisionCandidate[], context: DecisionContext, windowDays: number): Promise<Settlement[]> {
  // Within the chunk the first delivery of an event id is the one that may claim it; ON CONFLICT
  // cannot see two rows of one statement conflict with each other.
  const firstIndex = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (!firstIndex.has(c.eventId)) firstIndex.set(c.eventId, i);
  });
  const claimants = [...firstIndex.values()].map((i) => candidates[i]);
  const claimed: ClaimRow[] = await manager.query(
    `INSERT INTO loan_event_claim (event_id, source_partition, source_offset, claimed_at)
     SELECT "eventId", partition, "offset", $2::timestamptz FROM json_to_recordset($1::json) AS r("eventId" text, partition int, "offset" bigint)
     ON CONFLICT (event_id) DO UPDATE SET source_partition = EXCLUDED.source_partition, source_offset = EXCLUDED.source_offset, claimed_at = EXCLUDED.claimed_at
      WHERE loan_event_claim.claimed_at < EXCLUDED.claimed_at - make_interval(days => $3)
     RETURNING event_id`,
    [JSON.stringify(claimants.map((c) => ({ eventId: c.eventId, partition: c.partition, offset: c.offset }))), context.decidedAt, windowDays],
  );
  const won = new Set(claimed.map((r) => r.event_id));
  const held = claimants.filter((c) => !won.has(c.eventId)).map((c) => c.eventId);
  const existing: ClaimRow[] = held.length === 0 ? [] : await manager.query(`SELECT event_id, source_partition, source_offset FROM loan_event_claim WHERE event_id = ANY($1)`, [held]);
  const claimOf = new Map(existing.map((r) => [r.event_id, r]));
  const isRedo = (c: DecisionCandidate) => {
    const claim = claimOf.get(c.eventId);
    return claim !== undefined && claim.source_partition === c.partition && claim.source_offset === c.offset;
  };
  const redoIds = claimants.filter((c) => !won.has(c.eventId) && isRedo(c)).map((c) => c.eventId);
  const earlier = await previousDecisions(manager, redoIds);

  const settlements = candidates.map((c, i): Settlement => {
    if (firstIndex.get(c.eventId) !== i) return { kind: 'duplicate', bureaus: c.decisions.map((d) => d.bureau) };
    if (won.has(c.eventId)) return { kind: 'decided', decisions: c.decisions, decidedAt: context.decidedAt };
    const before = earlier.get(c.eventId);
    if (isRedo(c) && before) return { kind: 'redone', decisions: before.decisions, decidedAt: before.decidedAt };
    return { kind: 'duplicate', bureaus: c.decisions.map((d) => d.bureau) };
  });
  const newRows = candidates.flatMap((c, i) => (settlements[i].kind === 'decided' ? auditedDecisions(c) : []));
  if (newRows.length > 0) await manager.query(INSERT_DECISIONS, [decisionsDocument(newRows), context.decidedAt, JSON.stringify(context.ledgerPosition)]);
  const duplicateRows = candidates.flatMap((c, i) =>
    settlements[i].kind === 'duplicate' ? c.decisions.map((d) => ({ ...d, decision: 'DUPLICATE' as const, reason: null, consentId: null, consentVersion: null })) : [],
  );
  if (duplicateRows.length > 0) await manager.query(INSERT_DECISIONS, [decisionsDocument(duplicateRows), context.decidedAt, JSON.stringify(context.ledgerPosition)]);
  return settlements;
}

/**
 * The candidate's decisions as the audit records them: a release its bureau's policy does not send
 * as one NOT_REPORTABLE row with the consent, not RELEASED and NOT_REPORTABLE (a fifth fewer rows,
 * which are most of PostgreSQL's work per event: docs/performance.md).
 */
function auditedDecisions(candidate: DecisionCandidate): readonly AuditedRow[] {
  if (candidate.notSent.length === 0) return candidate.decisions;
  return candidate.decisions.map((d) => (candidate.notSent.includes(d.bureau) ? { ...d, decision: 'NOT_REPORTABLE' } : d));
}

async function previousDecisions(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, { decisions: ConsentDecisionRow[]; decidedAt: Date }>> {
  const found = new Map<string, { decisions: ConsentDecisionRow[]; decidedAt: Date }>();
  if (eventIds.length === 0) return found;
  const rows: DecisionRowRaw[] = await manager.query(
    `${OF_EVENTS('consent_decision_entry')}
     SELECT event_id, bureau, borrower_ref, account_ref, ${RELEASED_OR_WITHHELD_SQL} AS decision, reason, consent_id, consent_version, event_occurred_at, decided_at
       FROM of_events WHERE ${FILTER_DECISION_SQL}
      ORDER BY id, entry`,
    [eventIds],
  );
  for (const r of rows) {
    const entry = found.get(r.event_id) ?? { decisions: [], decidedAt: r.decided_at };
    entry.decisions.push({
      eventId: r.event_id,
      bureau: r.bureau,
      borrowerRef: r.borrower_ref,
      accountRef: r.account_ref,
      decision: r.decision,
      reason: r.reason,
      consentId: r.consent_id,
      consentVersion: r.consent_version,
      eventOccurredAt: r.event_occurred_at,
    });
    found.set(r.event_id, entry);
  }
  // In the order the filter made them (BUREAUS), not the order of the rows: a release sent on has a row of its own ahead of the rest.
  for (const { decisions } of found.values()) decisions.sort((a, b) => BUREAUS.indexOf(a.bureau) - BUREAUS.indexOf(b.bureau));
  return found;
}

function groupByEvent(rows: readonly MonthRowRaw[]): CoverageEvent[] {
  const events: CoverageEvent[] = [];
  let current: { eventId: string; accountRef: string | null; occurredAt: Date; entries: AuditEntry[] } | undefined;
  for (const r of rows) {
    if (current?.eventId !== r.event_id) {
      current = { eventId: r.event_id, accountRef: r.account_ref, occurredAt: r.event_occurred_at, entries: [] };
      events.push(current);
    }
    current.entries.push({
      bureau: r.bureau,
      stage: r.stage,
      decision: r.decision,
      reason: r.reason,
      consentId: r.consent_id,
      consentVersion: r.consent_version,
      recordId: r.record_id,
      decidedAt: r.decided_at,
    });
  }
  return events;
}

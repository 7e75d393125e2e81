import { Client } from 'pg';
import { FILTER_DECISION_SQL, RELEASED_OR_WITHHELD_SQL } from '@furnish/consent-data-access';
import { TEST_DATABASE_URL } from './scenario';

export interface DecisionRow {
  event_id: string;
  bureau: string;
  decision: 'RELEASED' | 'WITHHELD';
  reason: string | null;
  consent_id: string | null;
  consent_version: number | null;
}

/** Every row of the audit trail, in the order appended. */
export interface AuditRow {
  event_id: string;
  bureau: string;
  stage: string;
  decision: string;
  reason: string | null;
  consent_id: string | null;
  record_id: string | null;
}

/** Reads the consent audit trail. */
export class ConsentAudit {
  private readonly client = new Client({ connectionString: TEST_DATABASE_URL });
  private connected: Promise<unknown> | undefined;

  /** The consent filter's decisions (one per event and bureau, a release not sent as RELEASED), without later rows about them. */
  async decisionsFor(eventIds: readonly string[]): Promise<DecisionRow[]> {
    this.connected ??= this.client.connect();
    await this.connected;
    const { rows } = await this.client.query<DecisionRow>(
      `SELECT event_id, bureau, ${RELEASED_OR_WITHHELD_SQL} AS decision, reason, consent_id, consent_version FROM consent_decision_entry
        WHERE event_id = ANY($1) AND ${FILTER_DECISION_SQL} ORDER BY event_id, bureau`,
      [eventIds],
    );
    return rows;
  }

  /** Every audit row about the events: decisions, duplicates, release-time checks, publications, dead letters. */
  async trailOf(eventIds: readonly string[]): Promise<AuditRow[]> {
    this.connected ??= this.client.connect();
    await this.connected;
    const { rows } = await this.client.query<AuditRow>(
      'SELECT event_id, bureau, stage, decision, reason, consent_id, record_id FROM consent_decision_entry WHERE event_id = ANY($1) ORDER BY id, entry',
      [eventIds],
    );
    return rows;
  }

  /** Waits until every event has its three (one per bureau) decisions. */
  async waitForDecisions(eventIds: readonly string[], timeoutMs = 60_000): Promise<DecisionRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.decisionsFor(eventIds);
      if (rows.length >= eventIds.length * 3) return rows;
      if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${eventIds.length * 3} decisions after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * Runs a statement from the server's `postgres` database (a database cannot refuse connections to
   * itself from inside): tests use it to take the consent database away from the filter.
   */
  async administer(sql: string): Promise<number> {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      return (await admin.query(sql)).rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  async close(): Promise<void> {
    if (this.connected) await this.client.end();
  }
}

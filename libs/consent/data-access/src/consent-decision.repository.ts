import type { DataSource } from 'typeorm';
import type { Bureau } from '@furnish/shared-contracts';
import type { WithholdReason } from '@furnish/consent-domain';
import { ConsentDecisionEntity } from './consent-decision.entity';
import { withDatabase } from './database-errors';

export interface ConsentDecisionRow {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly borrowerRef: string;
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

const COLUMNS = ['event_id', 'bureau', 'borrower_ref', 'decision', 'reason', 'consent_id', 'consent_version', 'event_occurred_at', 'decided_at', 'ledger_position'];

/** The audit trail of consent decisions. */
export class ConsentDecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a chunk's decisions in one statement. A chunk re-processed after an aborted Kafka transaction
   * decides again; the last decision is the one whose outputs were committed, so it replaces the row.
   */
  async record(rows: readonly ConsentDecisionRow[], { decidedAt, ledgerPosition }: DecisionContext): Promise<void> {
    if (rows.length === 0) return;
    // The rows travel as one JSON document that PostgreSQL unpacks with json_to_recordset: one
    // native JSON.stringify instead of pg escaping array parameters element by element. What the
    // rows share is sent once.
    await withDatabase(() =>
      this.dataSource.query(
        `INSERT INTO consent_decision (${COLUMNS.join(', ')})
         SELECT "eventId", bureau, "borrowerRef", decision, reason, "consentId", "consentVersion", "eventOccurredAt", $2::timestamptz, $3::jsonb
           FROM json_to_recordset($1::json) AS r("eventId" text, bureau text, "borrowerRef" text, decision text, reason text, "consentId" text,
                                                  "consentVersion" int, "eventOccurredAt" timestamptz)
         ON CONFLICT (event_id, bureau) DO UPDATE SET
           decision = EXCLUDED.decision, reason = EXCLUDED.reason, consent_id = EXCLUDED.consent_id,
           consent_version = EXCLUDED.consent_version, decided_at = EXCLUDED.decided_at, ledger_position = EXCLUDED.ledger_position`,
        [JSON.stringify(rows), decidedAt, JSON.stringify(ledgerPosition)],
      ),
    );
  }

  async forEvent(eventId: string): Promise<ConsentDecisionEntity[]> {
    return withDatabase(() => this.dataSource.getRepository(ConsentDecisionEntity).find({ where: { eventId }, order: { bureau: 'ASC' } }));
  }
}

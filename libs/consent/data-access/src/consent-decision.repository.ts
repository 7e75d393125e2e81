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
  readonly decidedAt: Date;
  readonly ledgerPosition: Readonly<Record<string, string>>;
}

const COLUMNS = ['event_id', 'bureau', 'borrower_ref', 'decision', 'reason', 'consent_id', 'consent_version', 'event_occurred_at', 'decided_at', 'ledger_position'];

/** The audit trail of consent decisions. */
export class ConsentDecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records decisions in one statement. A chunk re-processed after an aborted Kafka transaction
   * decides again; the last decision is the one whose outputs were committed, so it replaces the row.
   */
  async record(rows: readonly ConsentDecisionRow[]): Promise<void> {
    if (rows.length === 0) return;
    // One array parameter per column, in COLUMNS order (unnest zips them back into rows), not ten
    // parameters per row: the statement and its parsing stay the same size whatever the chunk size.
    await withDatabase(() =>
      this.dataSource.query(
        `INSERT INTO consent_decision (${COLUMNS.join(', ')})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                              $8::timestamptz[], $9::timestamptz[], $10::jsonb[])
         ON CONFLICT (event_id, bureau) DO UPDATE SET
           decision = EXCLUDED.decision, reason = EXCLUDED.reason, consent_id = EXCLUDED.consent_id,
           consent_version = EXCLUDED.consent_version, decided_at = EXCLUDED.decided_at, ledger_position = EXCLUDED.ledger_position`,
        [
          rows.map((r) => r.eventId),
          rows.map((r) => r.bureau),
          rows.map((r) => r.borrowerRef),
          rows.map((r) => r.decision),
          rows.map((r) => r.reason),
          rows.map((r) => r.consentId),
          rows.map((r) => r.consentVersion),
          rows.map((r) => r.eventOccurredAt),
          rows.map((r) => r.decidedAt),
          rows.map((r) => JSON.stringify(r.ledgerPosition)),
        ],
      ),
    );
  }

  async forEvent(eventId: string): Promise<ConsentDecisionEntity[]> {
    return withDatabase(() => this.dataSource.getRepository(ConsentDecisionEntity).find({ where: { eventId }, order: { bureau: 'ASC' } }));
  }
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One consent decision per (loan event, bureau): the audit trail compliance reads. No payload:
 * the event id, a pseudonymous borrower reference, the outcome and what it was based on.
 */
@Entity({ name: 'consent_decision' })
@Index('consent_decision_borrower_ref_idx', ['borrowerRef', 'decidedAt'])
export class ConsentDecisionEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @PrimaryColumn({ type: 'text' })
  bureau!: string;

  @Column({ name: 'borrower_ref', type: 'text' })
  borrowerRef!: string;

  @Column({ type: 'text' })
  decision!: 'RELEASED' | 'WITHHELD';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'consent_id', type: 'text', nullable: true })
  consentId!: string | null;

  @Column({ name: 'consent_version', type: 'integer', nullable: true })
  consentVersion!: number | null;

  @Column({ name: 'event_occurred_at', type: 'timestamptz' })
  eventOccurredAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  /** The ledger's next offset per consent-topic partition when the decision was made. */
  @Column({ name: 'ledger_position', type: 'jsonb' })
  ledgerPosition!: Record<string, string>;
}

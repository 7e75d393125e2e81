import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditOutcome, AuditStage } from '@furnish/consent-domain';

/**
 * One entry of the consent audit trail compliance reads: append-only (a trigger refuses UPDATE and
 * DELETE), partitioned by decision month. Every decision about an (event, bureau) adds a row — the
 * filter's, a suppressed duplicate, the formatter's release or withholding, a dead letter — so the
 * last row says what became of it. No payload: ids, a pseudonymous borrower reference, outcomes.
 */
@Entity({ name: 'consent_decision' })
export class ConsentDecisionEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  bureau!: string;

  @Column({ type: 'text' })
  stage!: AuditStage;

  @Column({ type: 'text' })
  decision!: AuditOutcome;

  /** A withhold reason, or the error code of a dead letter. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'consent_id', type: 'text', nullable: true })
  consentId!: string | null;

  @Column({ name: 'consent_version', type: 'integer', nullable: true })
  consentVersion!: number | null;

  /** The outbound record id, for PUBLISHED rows. */
  @Column({ name: 'record_id', type: 'text', nullable: true })
  recordId!: string | null;

  /** DELETED rows: the record id of the published record the deletion deletes. */
  @Column({ name: 'original_record_id', type: 'text', nullable: true })
  originalRecordId!: string | null;

  @Column({ name: 'borrower_ref', type: 'text', nullable: true })
  borrowerRef!: string | null;

  /** Pseudonymous account reference (filter rows; null before the audit recorded accounts). */
  @Column({ name: 'account_ref', type: 'text', nullable: true })
  accountRef!: string | null;

  @Column({ name: 'event_occurred_at', type: 'timestamptz', nullable: true })
  eventOccurredAt!: Date | null;

  @PrimaryColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  /** The ledger's next offset per consent-topic partition when the decision was made. */
  @Column({ name: 'ledger_position', type: 'jsonb', nullable: true })
  ledgerPosition!: Record<string, string> | null;
}

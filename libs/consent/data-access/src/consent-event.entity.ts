import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ConsentAction } from '@furnish/consent-domain';

/**
 * The append-only ledger: every consent event as received, the borrower id replaced by its keyed
 * reference, one row per (consent id, version). Rows are never updated or deleted; the current state is derived from them.
 */
@Entity({ name: 'consent_event' })
@Index('consent_event_borrower_ref_idx', ['borrowerRef', 'sourcePartition', 'sourceOffset'])
@Index('consent_event_position_idx', ['sourceTopic', 'sourcePartition', 'sourceOffset'])
export class ConsentEventEntity {
  @PrimaryColumn({ name: 'consent_id', type: 'text' })
  consentId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /**
   * Pseudonymous reference (HMAC of the borrower id under CONSENT_PSEUDONYM_KEY): the only borrower
   * identity the consent database holds; the filter looks facts up by it and audit rows join on it.
   */
  @Column({ name: 'borrower_ref', type: 'text' })
  borrowerRef!: string;

  @Column({ type: 'text' })
  action!: ConsentAction;

  /** Bureau ids as in the topic names: pboc-crc, baihang, metro2. */
  @Column({ type: 'text', array: true })
  bureaus!: string[];

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'evidence_ref', type: 'text' })
  evidenceRef!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /**
   * Where the event sits: the consent topic (lending.consent-events.v1 under the deployment's topic
   * prefix), partition and offset. The filter's change feed reads by position within its own topic:
   * pipelines with different prefixes may share a database, and offsets of one topic say nothing of another's.
   */
  @Column({ name: 'source_topic', type: 'text' })
  sourceTopic!: string;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

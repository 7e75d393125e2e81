import type { EntityManager } from 'typeorm';
import {
  ConsentDecisionRepository,
  FurnishedRecordRepository,
  type FurnishedRecordRow,
  type LedgerWatermark,
  type PublishedUnderConsent,
  type SealedRecord,
  type StageAuditRow,
} from '@furnish/consent-data-access';
import type { ReleaseGateMetrics } from './release-gate.metrics';

export type { FurnishedRecordRow, SealedRecord };

/** One delivery of an INVALIDATED consent event, where it sits on the consent topic. */
export interface InvalidationDelivery {
  readonly consentId: string;
  readonly version: number;
  readonly partition: number;
  readonly offset: string;
}

/** A published record to delete, with the keys its deletion names. */
export type RecordToDelete = PublishedUnderConsent & { readonly key: FurnishedRecordRow };

/** A deletion the stage is about to publish, for the audit. */
export interface DeletionSettlement {
  readonly original: RecordToDelete;
  readonly deletionRecordId: string;
  readonly delivery: InvalidationDelivery;
}

/** How a delivery's position is stored on its DELETED rows (consent_decision.ledger_position). */
const positionOf = (d: InvalidationDelivery): Record<string, string> => ({ [String(d.partition)]: d.offset });
/** The same as PostgreSQL prints that jsonb back. */
const positionText = (d: InvalidationDelivery): string => JSON.stringify(positionOf(d)).replace(':', ': ');

export const DELETION_REASON = 'CONSENT_INVALIDATED' as const;

/**
 * Consent found invalid (docs/consent.md): finds, from the audit trail, every record furnished under
 * an invalidated consent, and audits the deletions the formatter sends for them.
 *
 * Exactly once: only the delivery the ledger recorded for (consent id, version) deletes — an
 * upstream re-publication of the same event elsewhere on the topic is a duplicate and deletes
 * nothing; a retried chunk of the recorded delivery derives the same deletions (ids from the
 * original record ids), published in the stage's Kafka transaction with the input offset, and
 * audits each deletion once. A record already deleted by another invalidation delivery (an earlier
 * version of the consent's invalidation) is not deleted again: each DELETED row keeps the
 * position of the delivery that wrote it, so a retry of that delivery is told apart.
 */
export class ConsentInvalidation {
  constructor(
    private readonly furnished: FurnishedRecordRepository,
    private readonly decisions: ConsentDecisionRepository,
    private readonly watermark: LedgerWatermark | null,
    private readonly metrics: ReleaseGateMetrics | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The records to delete for this delivery: none when it is not the delivery the ledger recorded
   * (a duplicate, or an event the ledger dead-lettered). Records `canDelete` refuses (a bureau
   * without a deletion form, a Metro 2 record without its sealed copy) or published before their
   * keys were kept are returned in `undeletable`, counted, never silently dropped.
   */
  async recordsToDelete(delivery: InvalidationDelivery, canDelete: (key: FurnishedRecordRow) => boolean): Promise<{ toDelete: RecordToDelete[]; undeletable: PublishedUnderConsent[] }> {
    // The ledger holds every consent event published before now, this one included, before anything is read.
    if (this.watermark) await this.watermark.awaitCoverage(this.now());
    const recorded = await this.furnished.ledgerPositionOf(delivery.consentId, delivery.version);
    if (!recorded || recorded.action !== 'INVALIDATED' || recorded.partition !== delivery.partition || recorded.offset !== delivery.offset) {
      return { toDelete: [], undeletable: [] };
    }
    // A chunk that passed its re-check before the ledger recorded the invalidation may still be writing
    // its PUBLISHED rows: wait for it, so they are read below (any later one refuses to publish).
    await this.furnished.awaitPublishersOf(delivery.consentId);
    const all = await this.furnished.publishedUnder(delivery.consentId);
    const deletedBefore = await this.furnished.deletionsAudited(all.map((p) => p.recordId));
    const published = all.filter((p) => !deletedBefore.has(p.recordId) || deletedBefore.get(p.recordId) === positionText(delivery));
    const toDelete = published.filter((p): p is RecordToDelete => p.key !== null && canDelete(p.key));
    const undeletable = published.filter((p) => p.key === null || !canDelete(p.key));
    for (const p of undeletable) this.metrics?.deletionUnavailable(p.bureau);
    return { toDelete, undeletable };
  }

  /**
   * Runs `publish` — the keys and audit rows of what a chunk publishes — in one transaction that
   * refuses (ConsentInvalidatedDuringReleaseError, the chunk is retried and withheld) when one of
   * the consents was invalidated since the re-check, and that a deletion pass waits for.
   */
  publishUnlessInvalidated(consentIds: readonly string[], publish: (manager: EntityManager) => Promise<void>): Promise<void> {
    return this.furnished.publishUnlessInvalidated(consentIds, publish);
  }

  /** Keeps the keys of records just published, so a later invalidation can delete them. */
  recordFurnished(rows: readonly FurnishedRecordRow[], manager?: EntityManager): Promise<void> {
    return this.furnished.record(rows, this.now(), manager);
  }

  /**
   * Appends a DELETED row per deletion (original record → deletion), once per original record. The
   * sealed copies stay until the chunk's Kafka transaction has committed (eraseSealedCopies): a retry
   * of this chunk derives the same deletions and builds the Metro 2 DA from them again.
   */
  async settled(deletions: readonly DeletionSettlement[]): Promise<void> {
    const audited = await this.furnished.deletionsAudited(deletions.map((d) => d.original.recordId));
    const rows = deletions
      .filter((d) => !audited.has(d.original.recordId))
      .map(
        (d): StageAuditRow => ({
          eventId: d.original.eventId,
          bureau: d.original.bureau,
          stage: 'bureau-formatter',
          decision: 'DELETED',
          reason: DELETION_REASON,
          consentId: d.original.consentId,
          consentVersion: d.original.consentVersion,
          recordId: d.deletionRecordId,
          borrowerRef: null,
          eventOccurredAt: null,
          originalRecordId: d.original.recordId,
          ledgerPosition: positionOf(d.delivery),
        }),
      );
    if (rows.length === 0) return;
    await this.decisions.append(rows, this.now());
    for (const row of rows) this.metrics?.deleted(row.bureau, DELETION_REASON);
  }

  /** Erases the sealed copies of records whose deletions are committed on the outbound topics: nothing needs them any more. */
  eraseSealedCopies(recordIds: readonly string[]): Promise<void> {
    return this.furnished.eraseSealed(recordIds);
  }

  /**
   * Erases the sealed copies of every record deleted before `cutoff`: a copy outlives its deletion when
   * the formatter stopped between the chunk's commit and its erasure, or the commit's outcome was
   * unknown and it was never retried. The cutoff leaves alone deletions whose chunk may still be retried.
   */
  eraseSealedCopiesDeletedBefore(cutoff: Date): Promise<number> {
    return this.furnished.eraseSealedOfDeletedBefore(cutoff);
  }
}

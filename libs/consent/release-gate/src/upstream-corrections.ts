import type { Bureau } from '@furnish/shared-contracts';
import { ConsentDecisionRepository, FurnishedRecordRepository, type FurnishedRecordRow, type StageAuditRow } from '@furnish/consent-data-access';
import type { ReleaseGateMetrics } from './release-gate.metrics';

/** A correction or retraction (loan-event v3) released to a bureau, naming the event it is about. */
export interface CorrectionRequest {
  readonly correctionEventId: string;
  readonly eventId: string;
  readonly bureau: Bureau;
}

/** A record the formatter sent for a correction or retraction, for the audit. */
export interface CorrectionSettlement {
  readonly correctionEventId: string;
  readonly bureau: Bureau;
  readonly kind: 'CORRECTION' | 'RETRACTION';
  readonly consentId: string;
  readonly consentVersion: number;
  /** The published record of the original event it corrects or deletes. */
  readonly originalRecordId: string;
  readonly recordId: string;
}

export const CORRECTION_REASON = 'EVENT_CORRECTED' as const;
export const RETRACTION_REASON = 'EVENT_RETRACTED' as const;

/** Key of a (correction event, bureau) in the maps below. */
export const correctionKey = (correctionEventId: string, bureau: Bureau): string => `${correctionEventId}\u0000${bureau}`;

/**
 * Upstream corrections and retractions (loan-event v3; docs/consent.md, "Corrections and
 * retractions"): finds the records the formatter published for the event a correction names — only
 * those reached the bureau, so only those are corrected or deleted — and audits what was sent for
 * them: CORRECTED (reason EVENT_CORRECTED) or DELETED (reason EVENT_RETRACTED) rows on the
 * correction's (event, bureau), each linking the original record id to the record sent.
 *
 * Exactly once: the filter decides each correction event id once; a retried chunk derives the same
 * originals (a DELETED row of the retraction itself does not hide its original) and the same record
 * ids (derived from original and correction), published in the stage's Kafka transaction.
 */
export class UpstreamCorrections {
  constructor(
    private readonly furnished: FurnishedRecordRepository,
    private readonly decisions: ConsentDecisionRepository,
    private readonly metrics: ReleaseGateMetrics | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The published records (with their keys) each request's original event has at its bureau, by correctionKey. */
  async originals(requests: readonly CorrectionRequest[]): Promise<Map<string, FurnishedRecordRow[]>> {
    const found = new Map<string, FurnishedRecordRow[]>();
    for (const p of await this.furnished.publishedForCorrections(requests)) {
      if (p.key === null) continue;
      const key = correctionKey(p.correctionEventId, p.bureau);
      found.set(key, [...(found.get(key) ?? []), p.key]);
    }
    return found;
  }

  /** Counts records of a retraction that cannot be deleted (no deletion form, or no sealed copy to build it from): they stay at the bureau. */
  retractionUnavailable(bureau: Bureau, records: number): void {
    for (let i = 0; i < records; i++) this.metrics?.deletionUnavailable(bureau);
  }

  /**
   * Appends a CORRECTED or DELETED row per record sent, linked to the original it is about. The sealed
   * copies of the originals a retraction deleted stay until the chunk has committed (the formatter's
   * `committed` erases them): a retry builds the same DA from them.
   */
  async settled(sent: readonly CorrectionSettlement[]): Promise<void> {
    const rows = sent.map(
      (s): StageAuditRow => ({
        eventId: s.correctionEventId,
        bureau: s.bureau,
        stage: 'bureau-formatter',
        decision: s.kind === 'CORRECTION' ? 'CORRECTED' : 'DELETED',
        reason: s.kind === 'CORRECTION' ? CORRECTION_REASON : RETRACTION_REASON,
        consentId: s.consentId,
        consentVersion: s.consentVersion,
        recordId: s.recordId,
        borrowerRef: null,
        eventOccurredAt: null,
        originalRecordId: s.originalRecordId,
      }),
    );
    if (rows.length === 0) return;
    await this.decisions.append(rows, this.now());
    for (const s of sent) {
      if (s.kind === 'CORRECTION') this.metrics?.corrected(s.bureau);
      else this.metrics?.deleted(s.bureau, RETRACTION_REASON);
    }
  }
}

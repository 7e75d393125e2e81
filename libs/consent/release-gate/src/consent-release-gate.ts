import type { EntityManager } from 'typeorm';
import type { Bureau } from '@furnish/shared-contracts';
import { recheckAtRelease, recheckCorrectionAtRelease, type ReleaseWithholdReason } from '@furnish/consent-domain';
import {
  ConsentDecisionRepository,
  ConsentFactsByRefRepository,
  releaseKey,
  type LedgerWatermark,
  type ReleasedDecision,
  type StageAuditRow,
} from '@furnish/consent-data-access';
import type { ReleaseGateMetrics } from './release-gate.metrics';
import { StageAuditTrail, type ReleaseSettlement } from './stage-audit-trail';

/** A record about to leave for its bureau. */
export interface ReleaseCandidate {
  readonly eventId: string;
  readonly bureau: Bureau;
  /** A correction or retraction (loan-event v3): only an invalidation of its consent withholds it (recheckCorrectionAtRelease). */
  readonly correction?: boolean;
  /**
   * When the consent filter released it, as the record says (HEADERS.decidedAt): the release is
   * looked up at that time only. A wrong time finds no release and withholds the record.
   */
  readonly decidedAt?: Date;
}

export type ReleaseVerdict =
  | { readonly release: true; readonly decision: ReleasedDecision }
  | { readonly release: false; readonly reason: ReleaseWithholdReason };

/**
 * The release-time re-check (docs/consent.md, "Release-time re-check") for the last stage before a
 * bureau: waits until the ledger holds every consent event published before now, then applies
 * `recheckAtRelease` to the borrower's facts known now. Withheld records are audited at once;
 * what the stage finally published or dead-lettered is audited by `settled`.
 */
export class ConsentReleaseGate {
  private readonly trail: StageAuditTrail;

  constructor(
    private readonly stage: StageAuditRow['stage'],
    private readonly decisions: ConsentDecisionRepository,
    private readonly facts: ConsentFactsByRefRepository,
    private readonly watermark: LedgerWatermark | null,
    private readonly metrics: ReleaseGateMetrics | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.trail = new StageAuditTrail(stage, decisions, now);
  }

  async check(candidates: readonly ReleaseCandidate[]): Promise<ReleaseVerdict[]> {
    if (candidates.length === 0) return [];
    // Every withdrawal published before this moment is in the ledger before anything is released.
    if (this.watermark) await this.watermark.awaitCoverage(this.now());
    const released = await this.decisions.releasedDecisions(candidates);
    const facts = await this.facts.factsFor([...released.values()].map((d) => d.borrowerRef));
    const verdicts = candidates.map((c): ReleaseVerdict => {
      const decision = released.get(releaseKey(c.eventId, c.bureau));
      if (!decision) return { release: false, reason: 'NO_RELEASE_DECISION' };
      const borrowerFacts = facts.get(decision.borrowerRef) ?? [];
      const check = c.correction ? recheckCorrectionAtRelease(borrowerFacts, decision.consentId) : recheckAtRelease(borrowerFacts, c.bureau, decision.eventOccurredAt);
      return check.release ? { release: true, decision } : { release: false, reason: check.reason };
    });
    const withheld: StageAuditRow[] = [];
    verdicts.forEach((v, i) => {
      if (v.release) return;
      const c = candidates[i];
      const decision = released.get(releaseKey(c.eventId, c.bureau));
      withheld.push({
        eventId: c.eventId,
        bureau: c.bureau,
        stage: this.stage,
        decision: 'WITHHELD_AT_RELEASE',
        reason: v.reason,
        consentId: decision?.consentId ?? null,
        consentVersion: decision?.consentVersion ?? null,
        recordId: null,
        borrowerRef: decision?.borrowerRef ?? null,
        eventOccurredAt: decision?.eventOccurredAt ?? null,
      });
      this.metrics?.withheldAtRelease(c.bureau, v.reason);
    });
    await this.decisions.append(withheld, this.now());
    return verdicts;
  }

  /** Audits what became of released records: on the outbound topic (record id), nothing to report, or dead-lettered (error code). */
  settled(settlements: readonly ReleaseSettlement[], manager?: EntityManager): Promise<void> {
    return this.trail.record(settlements, manager);
  }
}

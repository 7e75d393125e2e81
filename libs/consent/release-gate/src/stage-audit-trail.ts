import type { Bureau } from '@furnish/shared-contracts';
import type { EntityManager } from 'typeorm';
import type { ConsentDecisionRepository, StageAuditRow } from '@furnish/consent-data-access';
import { rejectionReason } from '@furnish/consent-domain';

/** What a stage after the filter did with a released record, for the audit trail. */
export type ReleaseSettlement =
  | { readonly eventId: string; readonly bureau: Bureau; readonly published: { readonly recordId: string; readonly consentId: string; readonly consentVersion: number } }
  | { readonly eventId: string; readonly bureau: Bureau; readonly rejected: { readonly code: string; readonly ruleIds?: readonly string[] } }
  /** reason: why a correction or retraction sent nothing (ORIGINAL_NOT_FURNISHED, DELETION_UNAVAILABLE); none for an ordinary event. */
  | { readonly eventId: string; readonly bureau: Bureau; readonly notReportable: true; readonly reason?: string };

/**
 * Appends what a stage after the filter did with released records to the consent audit trail, so
 * `why` and the coverage report show where each (event, bureau) ended: on the outbound topic (record
 * id), with nothing to report, or dead-lettered by this stage (error code and broken rules). Stages call it from
 * `settled`, before their Kafka transaction commits.
 */
export class StageAuditTrail {
  constructor(
    private readonly stage: StageAuditRow['stage'],
    private readonly decisions: ConsentDecisionRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `manager`: a transaction to append in (the formatter's publish transaction); default, one of its own. */
  async record(settlements: readonly ReleaseSettlement[], manager?: EntityManager): Promise<void> {
    const rows = settlements.map(
      (s): StageAuditRow => ({
        eventId: s.eventId,
        bureau: s.bureau,
        stage: this.stage,
        decision: 'published' in s ? 'PUBLISHED' : 'rejected' in s ? 'REJECTED' : 'NOT_REPORTABLE',
        reason: 'rejected' in s ? rejectionReason(s.rejected.code, s.rejected.ruleIds) : 'notReportable' in s ? (s.reason ?? null) : null,
        consentId: 'published' in s ? s.published.consentId : null,
        consentVersion: 'published' in s ? s.published.consentVersion : null,
        recordId: 'published' in s ? s.published.recordId : null,
        borrowerRef: null,
        eventOccurredAt: null,
      }),
    );
    await this.decisions.append(rows, this.now(), manager);
  }
}

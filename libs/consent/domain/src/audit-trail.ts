import type { Bureau } from '@furnish/shared-contracts';

/** The stages that write to the audit trail. */
export const AUDIT_STAGES = ['consent-filter', 'minimiser', 'bureau-formatter', 'submission'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

/**
 * What an audit row says about an (event, bureau):
 * - RELEASED / WITHHELD: the filter's decision (once per event id, see loan_event_claim);
 * - DUPLICATE: a later delivery of an event id already decided, suppressed by the filter;
 * - WITHHELD_AT_RELEASE: the release-time re-check (formatter, or the submission tool for a record
 *   not yet in a file) withheld a released record;
 * - PUBLISHED: the formatter put the record on the outbound topic (with its record id);
 * - NOT_REPORTABLE: the filter released an event the bureau's policy does not send (e.g. PBOC CRC
 *   and a drawdown): one row naming the consent, in place of RELEASED (`isFilterDecision`; trails
 *   written by an older filter hold RELEASED and a NOT_REPORTABLE row without a consent instead); or
 *   the minimiser did not send such an event that reached it; or the formatter passed the re-check
 *   but the format reports nothing for this one (e.g. a PBOC repayment without arrears);
 * - REJECTED: a stage dead-lettered the released record (reason = error code, then the ids of the
 *   rules it broke: `rejectionReason`);
 * - DELETED: the formatter sent the bureau a deletion (record id) of a PUBLISHED record (original
 *   record id), reason CONSENT_INVALIDATED: the consent it was furnished under was found invalid;
 *   or, on a retraction's rows (loan-event v3), reason EVENT_RETRACTED: the retraction's deletion of
 *   a record the retracted event published;
 * - CORRECTED: on a correction's rows (loan-event v3), the formatter sent the bureau a correction
 *   (record id) of a PUBLISHED record of the corrected event (original record id), reason
 *   EVENT_CORRECTED.
 */
export const AUDIT_OUTCOMES = ['RELEASED', 'WITHHELD', 'DUPLICATE', 'WITHHELD_AT_RELEASE', 'PUBLISHED', 'NOT_REPORTABLE', 'REJECTED', 'DELETED', 'CORRECTED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The reason of a REJECTED row: the error code, then the broken rules' ids (closed sets, never data). */
export const rejectionReason = (code: string, ruleIds: readonly string[] = []): string => (ruleIds.length === 0 ? code : `${code} ${ruleIds.join(',')}`);

/** The error code and rule ids of a REJECTED row's reason (`rejectionReason`). */
export function parseRejectionReason(reason: string | null): { code: string; rules: string[] } {
  const [code, rules] = (reason ?? 'UNKNOWN').split(' ', 2);
  return { code, rules: rules ? rules.split(',') : [] };
}

/**
 * Whether a row is the filter's decision about its (event, bureau): RELEASED, WITHHELD, or a release
 * its bureau's policy does not send, recorded as one NOT_REPORTABLE row that names the consent.
 * (The filter's NOT_REPORTABLE rows of older trails name no consent: they sit beside a RELEASED row.)
 */
export function isFilterDecision(row: Pick<AuditEntry, 'stage' | 'decision' | 'consentId'>): boolean {
  if (row.stage !== 'consent-filter') return false;
  return row.decision === 'RELEASED' || row.decision === 'WITHHELD' || (row.decision === 'NOT_REPORTABLE' && row.consentId !== null);
}

/** One audit row, in the order it was appended. */
export interface AuditEntry {
  readonly bureau: Bureau;
  readonly stage: AuditStage;
  readonly decision: AuditOutcome;
  readonly reason: string | null;
  readonly consentId: string | null;
  readonly consentVersion: number | null;
  readonly recordId: string | null;
  readonly decidedAt: Date;
  /** DELETED and CORRECTED rows: the published record the deletion deletes or the correction corrects. */
  readonly originalRecordId?: string | null;
}

/** What finally became of an (event, bureau), from its audit rows. */
export type FinalOutcome =
  | { readonly kind: 'REPORTED'; readonly recordIds: readonly string[]; readonly consentId: string; readonly consentVersion: number }
  | {
      readonly kind: 'DELETED';
      readonly recordIds: readonly string[];
      /** Each published record id → the record id of its deletion. */
      readonly deletions: ReadonlyMap<string, string>;
      readonly reason: string;
      readonly consentId: string;
      readonly consentVersion: number;
    }
  /**
   * A correction or retraction (loan-event v3) sent: each published record of the original event →
   * the record that corrects (CORRECTED) or deletes (DELETED) it.
   */
  | {
      readonly kind: 'CORRECTION_SENT';
      readonly decision: 'CORRECTED' | 'DELETED';
      readonly reason: string;
      readonly sent: readonly { readonly originalRecordId: string; readonly recordId: string }[];
      readonly consentId: string;
      readonly consentVersion: number;
    }
  /**
   * Nothing to send: `stage` says who decided so (the filter or the minimiser by the bureau's
   * minimisation policy, the formatter by its format, or for a correction by its reason); the
   * consent is the one the filter released the event under.
   */
  | {
      readonly kind: 'NOT_REPORTABLE';
      readonly stage: AuditStage;
      readonly reason?: string;
      readonly consentId?: string;
      readonly consentVersion?: number;
    }
  | { readonly kind: 'WITHHELD'; readonly reason: string }
  | { readonly kind: 'WITHDRAWN_BEFORE_RELEASE'; readonly consentId: string | null; readonly consentVersion: number | null }
  | { readonly kind: 'REJECTED_DOWNSTREAM'; readonly stage: AuditStage; readonly code: string; readonly rules: readonly string[] }
  | { readonly kind: 'IN_FLIGHT'; readonly consentId: string; readonly consentVersion: number }
  | { readonly kind: 'DUPLICATE_ONLY' };

export interface BureauHistory {
  readonly bureau: Bureau;
  readonly outcome: FinalOutcome;
  /** The filter's own decision row, when there is one. */
  readonly decision: AuditEntry | undefined;
  /** Later deliveries of the event id the filter suppressed. */
  readonly duplicates: readonly AuditEntry[];
}

/**
 * The final outcome of one (event, bureau). What was furnished wins over everything else, so the
 * answer never contradicts an outbound record: published and every published record deleted since →
 * deleted; published → reported; else withheld at release →
 * withdrawn before release; else a dead letter → rejected downstream; else nothing to report for this
 * event kind; else the filter's decision
 * (released and still in flight, or withheld by reason). Duplicates never change the outcome.
 */
export function finalOutcome(bureau: Bureau, entries: readonly AuditEntry[]): BureauHistory {
  const rows = entries.filter((e) => e.bureau === bureau);
  const decision = rows.find(isFilterDecision);
  const duplicates = rows.filter((e) => e.decision === 'DUPLICATE');
  const published = rows.filter((e) => e.decision === 'PUBLISHED');
  const withheldAtRelease = rows.find((e) => e.decision === 'WITHHELD_AT_RELEASE');
  const rejected = rows.find((e) => e.decision === 'REJECTED');
  const outcome = ((): FinalOutcome => {
    // The submission tool re-checks records already on the outbound topic: what it left out never reached the bureau.
    if (withheldAtRelease?.stage === 'submission') return { kind: 'WITHDRAWN_BEFORE_RELEASE', consentId: decision?.consentId ?? null, consentVersion: decision?.consentVersion ?? null };
    const deleted = rows.filter((e) => e.decision === 'DELETED' && e.originalRecordId);
    const publishedIds = [...new Set(published.map((p) => p.recordId!))];
    if (published.length > 0 && deleted.length > 0 && publishedIds.every((id) => deleted.some((d) => d.originalRecordId === id))) {
      return {
        kind: 'DELETED',
        recordIds: publishedIds,
        deletions: new Map(deleted.map((d) => [d.originalRecordId!, d.recordId!])),
        reason: deleted[0].reason ?? 'UNKNOWN',
        consentId: published[0].consentId ?? decision?.consentId ?? '',
        consentVersion: published[0].consentVersion ?? decision?.consentVersion ?? 0,
      };
    }
    if (published.length > 0) {
      return {
        kind: 'REPORTED',
        recordIds: [...new Set(published.map((p) => p.recordId!))],
        consentId: published[0].consentId ?? decision?.consentId ?? '',
        consentVersion: published[0].consentVersion ?? decision?.consentVersion ?? 0,
      };
    }
    const sent = rows.filter((e) => (e.decision === 'CORRECTED' || e.decision === 'DELETED') && e.originalRecordId && e.recordId);
    if (sent.length > 0) {
      const pairs = [...new Map(sent.map((s) => [s.recordId!, { originalRecordId: s.originalRecordId!, recordId: s.recordId! }])).values()];
      return {
        kind: 'CORRECTION_SENT',
        decision: sent[0].decision as 'CORRECTED' | 'DELETED',
        reason: sent[0].reason ?? 'UNKNOWN',
        sent: pairs,
        consentId: sent[0].consentId ?? decision?.consentId ?? '',
        consentVersion: sent[0].consentVersion ?? decision?.consentVersion ?? 0,
      };
    }
    if (withheldAtRelease) return { kind: 'WITHDRAWN_BEFORE_RELEASE', consentId: decision?.consentId ?? null, consentVersion: decision?.consentVersion ?? null };
    if (rejected) return { kind: 'REJECTED_DOWNSTREAM', stage: rejected.stage, ...parseRejectionReason(rejected.reason) };
    const notReportable = rows.find((e) => e.decision === 'NOT_REPORTABLE');
    if (notReportable) {
      const consent = decision && decision.consentId !== null && decision.consentVersion !== null ? { consentId: decision.consentId, consentVersion: decision.consentVersion } : {};
      return { kind: 'NOT_REPORTABLE', stage: notReportable.stage, ...(notReportable.reason ? { reason: notReportable.reason } : {}), ...consent };
    }
    if (decision?.decision === 'RELEASED') return { kind: 'IN_FLIGHT', consentId: decision.consentId!, consentVersion: decision.consentVersion! };
    if (decision) return { kind: 'WITHHELD', reason: decision.reason ?? 'UNKNOWN' };
    return { kind: 'DUPLICATE_ONLY' };
  })();
  return { bureau, outcome, decision, duplicates };
}

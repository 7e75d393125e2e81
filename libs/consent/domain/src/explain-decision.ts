import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentAction, WithholdReason } from './consent-fact';
import type { BureauHistory, FinalOutcome } from './audit-trail';

/** A recorded decision, as the audit trail holds it. */
export interface RecordedDecision {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly decision: 'RELEASED' | 'WITHHELD';
  readonly reason: WithholdReason | null;
  readonly consentId: string | null;
  readonly consentVersion: number | null;
  readonly eventOccurredAt: Date;
  readonly decidedAt: Date;
  readonly ledgerPosition: Readonly<Record<string, string>>;
}

/** A consent event of the borrower, as the ledger holds it. */
export interface RecordedConsent {
  readonly consentId: string;
  readonly version: number;
  readonly action: ConsentAction;
  readonly bureaus: readonly string[];
  readonly effectiveAt: Date;
  readonly expiresAt: Date | null;
  readonly channel: string;
  readonly evidenceRef: string;
  readonly receivedAt: Date;
}

const REASONS: Record<WithholdReason, string> = {
  NO_CONSENT: 'the borrower had no consent covering this bureau',
  NOT_YET_EFFECTIVE: 'the consent covering this bureau took effect only after the event',
  EXPIRED: 'the consent covering this bureau had expired when the event happened',
  WITHDRAWN: 'the consent covering this bureau was withdrawn (before the event, or before the record was released)',
  INVALIDATED: 'the consent that would have covered this bureau was found invalid (never valid: forged or captured in error)',
  ORIGINAL_NOT_RELEASED: 'a correction or retraction of an event that was never released to this bureau: there is nothing there to correct',
};

/** Reasons of DELETED audit rows. */
const DELETION_REASONS: Readonly<Record<string, string>> = {
  CONSENT_INVALIDATED: 'consent invalidated: found never valid, everything furnished under it deleted at the bureau',
  EVENT_RETRACTED: 'event retracted: the lender published it in error, its record deleted at the bureau',
};

/** Reasons of NOT_REPORTABLE rows the formatter writes for corrections and retractions (loan-event v3). */
const NOT_REPORTABLE_REASONS: Readonly<Record<string, string>> = {
  ORIGINAL_NOT_FURNISHED: 'a correction or retraction of an event whose record never reached this bureau (or was deleted since): there is nothing there to correct',
  DELETION_UNAVAILABLE: 'a retraction, but Furnish could delete none of its records here (a Metro 2 record published before its sealed copy was kept: delete it by hand, see the runbook)',
};

const iso = (d: Date) => d.toISOString();

/**
 * The answer to "why was event X (not) reported to bureau B?" in plain words, for compliance
 * staff: the final outcome (from the whole audit trail when `trail` is given: released and on the
 * outbound topic, withdrawn before release, rejected downstream, withheld, suppressed duplicates),
 * the rule applied, and the borrower's consent history for that bureau. No event payload and no
 * borrower identity is shown; the borrower appears only by consent ids.
 */
export function explainDecision(decision: RecordedDecision, history: readonly RecordedConsent[], trail?: BureauHistory): string {
  const lines: string[] = [];
  const head = `Event ${decision.eventId} (occurred ${iso(decision.eventOccurredAt)}) → ${decision.bureau}:`;
  const outcome: FinalOutcome =
    trail?.outcome ??
    (decision.decision === 'RELEASED'
      ? { kind: 'IN_FLIGHT', consentId: decision.consentId!, consentVersion: decision.consentVersion! }
      : { kind: 'WITHHELD', reason: decision.reason! });
  lines.push(`${head} ${headline(outcome)}`);
  if (decision.decision === 'RELEASED') {
    lines.push(`  The consent filter released it under consent ${decision.consentId} version ${decision.consentVersion}: in effect at the event time, no withdrawal revoking it recorded.`);
  }
  for (const dup of trail?.duplicates ?? []) {
    lines.push(`  A later delivery of the same event id was suppressed as a duplicate at ${iso(dup.decidedAt)}: nothing was furnished for it.`);
  }
  const position = Object.entries(decision.ledgerPosition)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(' ');
  lines.push(`  Decided ${iso(decision.decidedAt)} with the consent ledger at positions ${position || '(empty)'}.`);
  const relevant = history.filter((c) => c.bureaus.includes(decision.bureau));
  lines.push(relevant.length === 0 ? '  The ledger holds no consent event of this borrower for this bureau.' : '  Consent history for this bureau:');
  for (const c of relevant) {
    const span = c.action === 'GRANTED' ? `effective ${iso(c.effectiveAt)}${c.expiresAt ? `, expires ${iso(c.expiresAt)}` : ', no expiry'}` : `effective ${iso(c.effectiveAt)}`;
    const late = c.receivedAt.getTime() > decision.decidedAt.getTime() ? ' [recorded after this decision]' : '';
    const marker = outcome.kind === 'NOT_REPORTABLE' ? ' ← released under this consent (nothing was sent)' : ' ← authorised this record';
    const used = c.consentId === decision.consentId && c.version === decision.consentVersion ? marker : '';
    lines.push(`    ${c.action.padEnd(9)} ${c.consentId} v${c.version}, ${span}; via ${c.channel}, evidence ${c.evidenceRef}${late}${used}`);
  }
  return lines.join('\n');
}

function headline(outcome: FinalOutcome): string {
  switch (outcome.kind) {
    case 'REPORTED':
      return `REPORTED, authorised by consent ${outcome.consentId} version ${outcome.consentVersion}; on the outbound topic as record ${outcome.recordIds.join(', ')}.`;
    case 'DELETED':
      return `PUBLISHED under consent ${outcome.consentId} version ${outcome.consentVersion} → DELETED (${DELETION_REASONS[outcome.reason] ?? outcome.reason}): ${outcome.recordIds
        .map((id) => `record ${id} → deletion ${outcome.deletions.get(id)}`)
        .join(', ')}.`;
    case 'IN_FLIGHT':
      return `RELEASED by the consent filter, authorised by consent ${outcome.consentId} version ${outcome.consentVersion}; not on the outbound topic yet (between stages).`;
    case 'WITHDRAWN_BEFORE_RELEASE':
      return `NOT REPORTED (WITHDRAWN_BEFORE_RELEASE): released by the consent filter under consent ${outcome.consentId} version ${outcome.consentVersion}, then withheld by the release-time re-check: a withdrawal (or a narrowing) was recorded before the record left.`;
    case 'REJECTED_DOWNSTREAM':
      return `NOT REPORTED (REJECTED by ${outcome.stage}, ${outcome.code}${outcome.rules.length > 0 ? `, rules ${outcome.rules.join(', ')}` : ''}): released by the consent filter, then dead-lettered to furnish.dlq.${outcome.stage}.v1.`;
    case 'CORRECTION_SENT':
      return `${outcome.decision === 'CORRECTED' ? 'CORRECTION SENT' : 'RETRACTION SENT'} under consent ${outcome.consentId} version ${outcome.consentVersion} (${DELETION_REASONS[outcome.reason] ?? outcome.reason}): ${outcome.sent
        .map((s) => `record ${s.originalRecordId} → ${outcome.decision === 'CORRECTED' ? 'correction' : 'deletion'} ${s.recordId}`)
        .join(', ')}.`;
    case 'NOT_REPORTABLE': {
      if (outcome.reason) return `NOT REPORTED (NOT_REPORTABLE, ${outcome.reason}): ${NOT_REPORTABLE_REASONS[outcome.reason] ?? outcome.reason}.`;
      const released = outcome.consentId === undefined ? 'released by the consent filter' : `released by the consent filter under consent ${outcome.consentId} version ${outcome.consentVersion}`;
      return outcome.stage === 'bureau-formatter'
        ? `NOT REPORTED (NOT_REPORTABLE): ${released}, but the bureau's format reports nothing for this event.`
        : `NOT REPORTED (NOT_REPORTABLE): ${released}, but the bureau receives no event of this kind (its minimisation policy does not send it).`;
    }
    case 'WITHHELD':
      return `NOT REPORTED (${outcome.reason}): ${REASONS[outcome.reason as WithholdReason] ?? outcome.reason}.`;
    case 'DUPLICATE_ONLY':
      return 'NOT REPORTED (DUPLICATE): only deliveries of an event id decided before the audit trail began are recorded; each was suppressed.';
  }
}

import type { Bureau } from '@furnish/shared-contracts';
import type { WithholdReason } from './consent-fact';

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
  readonly action: 'GRANTED' | 'WITHDRAWN';
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
};

const iso = (d: Date) => d.toISOString();

/**
 * The answer to "why was event X (not) reported to bureau B?" in plain words, for compliance
 * staff: the decision, the rule applied, and the borrower's consent history for that bureau. No
 * event payload and no borrower identity is shown; the borrower appears only by consent ids.
 */
export function explainDecision(decision: RecordedDecision, history: readonly RecordedConsent[]): string {
  const lines: string[] = [];
  const head = `Event ${decision.eventId} (occurred ${iso(decision.eventOccurredAt)}) → ${decision.bureau}:`;
  if (decision.decision === 'RELEASED') {
    lines.push(`${head} REPORTED, authorised by consent ${decision.consentId} version ${decision.consentVersion}.`);
    lines.push('  It was in effect at the event time and no withdrawal revoking it was recorded when the record was released.');
  } else {
    lines.push(`${head} NOT REPORTED (${decision.reason}): ${REASONS[decision.reason!]}.`);
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
    const used = c.consentId === decision.consentId && c.version === decision.consentVersion ? ' ← authorised this record' : '';
    lines.push(`    ${c.action.padEnd(9)} ${c.consentId} v${c.version}, ${span}; via ${c.channel}, evidence ${c.evidenceRef}${late}${used}`);
  }
  return lines.join('\n');
}

import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentDecision, ConsentFact, WithholdReason } from './consent-fact';

/**
 * The consent rule (PRODUCT.md, "Consent"): an event of a borrower that occurred at `occurredAt`
 * is released to `bureau` iff a grant covering the bureau was in effect at that time — effective
 * at or before it, not expired, not superseded by a newer version — and not revoked by anything the
 * ledger holds now. `facts` are every consent event of the borrower known at the moment of release,
 * **in ledger order** (the order the ledger recorded them; the repository returns them so).
 *
 * Revocation is fail-closed and decided by ledger order, not by the dates an event carries:
 * - a withdrawal for (borrower, bureau) revokes every grant for that bureau recorded before it,
 *   whatever its effective time (a back-dated or future-dated withdrawal included), and also any
 *   grant that took effect at or before the withdrawal's effective time;
 * - a newer version of a consent id that drops a bureau revokes the older versions for that bureau
 *   the same way, whatever dates either carries.
 * A grant recorded after a withdrawal and effective after it (a re-grant) authorises events from its
 * own effective time on. A newer version replaces the older versions from its effective time on.
 *
 * An invalidation of a consent id, wherever it sits in the ledger and whatever dates it carries,
 * removes every version of that consent id from the rule for every bureau: it never authorised
 * anything. Other consents of the borrower still count. When nothing else authorises the event and
 * an invalidated consent would have, the reason is INVALIDATED (distinct from WITHDRAWN).
 */
export function evaluateConsent(facts: readonly ConsentFact[], bureau: Bureau, occurredAt: Date): ConsentDecision {
  const invalidated = new Set(facts.filter((f) => f.action === 'INVALIDATED').map((f) => f.consentId));
  if (invalidated.size > 0) {
    const valid = facts.filter((f) => !invalidated.has(f.consentId));
    const decision = evaluateConsent(valid, bureau, occurredAt);
    if (decision.release || !facts.some((f) => invalidated.has(f.consentId) && f.action === 'GRANTED' && f.bureaus.includes(bureau))) return decision;
    return { release: false, bureau, reason: 'INVALIDATED' };
  }
  const t = occurredAt.getTime();
  const ordered = facts.map((fact, position) => ({ fact, position }));
  const grants = ordered.filter(({ fact }) => fact.action === 'GRANTED' && fact.bureaus.includes(bureau));
  const withdrawals = ordered.filter(({ fact }) => fact.action === 'WITHDRAWN' && fact.bureaus.includes(bureau));

  const isRevoked = ({ fact: grant, position }: LedgerFact) =>
    withdrawals.some((w) => w.position > position || w.fact.effectiveAt.getTime() >= grant.effectiveAt.getTime()) ||
    facts.some((f) => f.consentId === grant.consentId && f.version > grant.version && f.action === 'GRANTED' && !f.bureaus.includes(bureau));
  const supersededAt = (grant: ConsentFact) =>
    Math.min(
      ...facts
        .filter((f) => f.consentId === grant.consentId && f.version > grant.version)
        .map((f) => f.effectiveAt.getTime()),
    );
  const inEffect = ({ fact: grant }: LedgerFact) =>
    grant.effectiveAt.getTime() <= t && (grant.expiresAt === null || grant.expiresAt.getTime() > t) && supersededAt(grant) > t;

  const authorising = grants
    .filter((g) => inEffect(g) && !isRevoked(g))
    .map(({ fact }) => fact)
    .sort((a, b) => b.effectiveAt.getTime() - a.effectiveAt.getTime() || b.version - a.version || a.consentId.localeCompare(b.consentId))[0];
  if (authorising) {
    return { release: true, bureau, consent: { consentId: authorising.consentId, version: authorising.version } };
  }
  return { release: false, bureau, reason: withholdReason(grants, inEffect, isRevoked, t) };
}

interface LedgerFact {
  readonly fact: ConsentFact;
  /** Index in ledger order. */
  readonly position: number;
}

function withholdReason(
  grants: readonly LedgerFact[],
  inEffect: (g: LedgerFact) => boolean,
  isRevoked: (g: LedgerFact) => boolean,
  t: number,
): WithholdReason {
  if (grants.length === 0) return 'NO_CONSENT';
  if (grants.some((g) => inEffect(g) && isRevoked(g))) return 'WITHDRAWN';
  const started = grants.map(({ fact }) => fact).filter((g) => g.effectiveAt.getTime() <= t);
  if (started.some((g) => g.expiresAt !== null && g.expiresAt.getTime() <= t)) return 'EXPIRED';
  if (started.length > 0) return 'WITHDRAWN';
  return 'NOT_YET_EFFECTIVE';
}

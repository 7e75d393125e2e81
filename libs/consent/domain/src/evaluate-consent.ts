import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentDecision, ConsentFact, WithholdReason } from './consent-fact';

/**
 * The consent rule (PRODUCT.md, "Consent"): an event of a borrower that occurred at `occurredAt`
 * is released to `bureau` iff a grant covering the bureau was in effect at that time — effective
 * at or before it, not expired, not withdrawn — and no withdrawal that revokes that grant is known
 * now. `facts` are every consent event of the borrower known at the moment of release.
 *
 * A withdrawal for (borrower, bureau) revokes every grant that took effect at or before it, from
 * the moment it is known, even for events that occurred before it. A later grant (a re-grant)
 * authorises events from its own effective time on. A newer version of the same consent id
 * replaces the older versions from its effective time on.
 */
export function evaluateConsent(facts: readonly ConsentFact[], bureau: Bureau, occurredAt: Date): ConsentDecision {
  const covering = facts.filter((f) => f.bureaus.includes(bureau));
  const grants = covering.filter((f) => f.action === 'GRANTED');
  const withdrawals = covering.filter((f) => f.action === 'WITHDRAWN');
  const t = occurredAt.getTime();

  const isRevoked = (grant: ConsentFact) => withdrawals.some((w) => w.effectiveAt.getTime() >= grant.effectiveAt.getTime());
  const supersededAt = (grant: ConsentFact) =>
    Math.min(
      ...facts
        .filter((f) => f.consentId === grant.consentId && f.version > grant.version)
        .map((f) => f.effectiveAt.getTime()),
    );
  const inEffect = (grant: ConsentFact) =>
    grant.effectiveAt.getTime() <= t && (grant.expiresAt === null || grant.expiresAt.getTime() > t) && supersededAt(grant) > t;

  const authorising = grants
    .filter((g) => inEffect(g) && !isRevoked(g))
    .sort((a, b) => b.effectiveAt.getTime() - a.effectiveAt.getTime() || b.version - a.version || a.consentId.localeCompare(b.consentId))[0];
  if (authorising) {
    return { release: true, bureau, consent: { consentId: authorising.consentId, version: authorising.version } };
  }
  return { release: false, bureau, reason: withholdReason(grants, inEffect, isRevoked, t) };
}

function withholdReason(
  grants: readonly ConsentFact[],
  inEffect: (g: ConsentFact) => boolean,
  isRevoked: (g: ConsentFact) => boolean,
  t: number,
): WithholdReason {
  if (grants.length === 0) return 'NO_CONSENT';
  if (grants.some((g) => inEffect(g) && isRevoked(g))) return 'WITHDRAWN';
  if (grants.some((g) => g.effectiveAt.getTime() <= t && g.expiresAt !== null && g.expiresAt.getTime() <= t)) return 'EXPIRED';
  if (grants.some((g) => g.effectiveAt.getTime() <= t)) return 'WITHDRAWN';
  return 'NOT_YET_EFFECTIVE';
}

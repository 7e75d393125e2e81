import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentFact } from './consent-fact';
import { evaluateConsent } from './evaluate-consent';

/**
 * Why a record the filter released is withheld when it leaves: a withdrawal (or narrowing) recorded
 * since; an invalidation of the consent recorded since (it never authorised anything); or no release by the filter is on record for it at all (fail closed).
 */
export const RELEASE_WITHHOLD_REASONS = ['WITHDRAWN_BEFORE_RELEASE', 'INVALIDATED_BEFORE_RELEASE', 'NO_RELEASE_DECISION'] as const;
export type ReleaseWithholdReason = (typeof RELEASE_WITHHOLD_REASONS)[number];

export type ReleaseCheck = { readonly release: true } | { readonly release: false; readonly reason: ReleaseWithholdReason };

/**
 * The consent rule applied again at the moment a record leaves for its bureau (the formatter, and
 * the submission tool for records not yet sent): `facts` are the borrower's consent events known
 * now. A record the filter released stays releasable only while some grant covering the bureau is
 * still in effect at the event's time and not revoked; a withdrawal — or a narrowing version that
 * drops the bureau — recorded since the filter's decision withholds it. Facts only accumulate, so a
 * record the filter withheld is never released here.
 */
export function recheckAtRelease(facts: readonly ConsentFact[], bureau: Bureau, occurredAt: Date): ReleaseCheck {
  const decision = evaluateConsent(facts, bureau, occurredAt);
  if (decision.release) return { release: true };
  return { release: false, reason: decision.reason === 'INVALIDATED' ? 'INVALIDATED_BEFORE_RELEASE' : 'WITHDRAWN_BEFORE_RELEASE' };
}

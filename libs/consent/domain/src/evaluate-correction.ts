import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentDecision, ConsentFact, ConsentReference } from './consent-fact';
import type { ReleaseCheck } from './release-recheck';

/**
 * The consent rule for a correction or retraction (loan-event v3 `corrects`; docs/consent.md,
 * "Corrections and retractions"). It is about a record the bureau may already hold, so it follows
 * the original event, not the consent in effect now:
 * - released to `bureau` iff the filter released the original event to it (`original`, the consent
 *   that authorised it), under that same consent;
 * - a withdrawal since does not withhold it: a withdrawal stops future reporting, and what the
 *   bureau holds must still be made accurate or removed;
 * - an invalidation of that consent withholds it (INVALIDATED): what was furnished under it is
 *   deleted (consent found invalid), there is nothing left to correct.
 */
export function evaluateCorrection(facts: readonly ConsentFact[], bureau: Bureau, original: ConsentReference | undefined): ConsentDecision {
  if (!original) return { release: false, bureau, reason: 'ORIGINAL_NOT_RELEASED' };
  if (isInvalidated(facts, original.consentId)) return { release: false, bureau, reason: 'INVALIDATED' };
  return { release: true, bureau, consent: { consentId: original.consentId, version: original.version } };
}

/** The release-time re-check of a correction: only an invalidation of the consent it was released under withholds it. */
export function recheckCorrectionAtRelease(facts: readonly ConsentFact[], consentId: string): ReleaseCheck {
  return isInvalidated(facts, consentId) ? { release: false, reason: 'INVALIDATED_BEFORE_RELEASE' } : { release: true };
}

const isInvalidated = (facts: readonly ConsentFact[], consentId: string): boolean => facts.some((f) => f.action === 'INVALIDATED' && f.consentId === consentId);

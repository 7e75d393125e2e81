import type { Bureau } from '@furnish/shared-contracts';

/**
 * One consent event as the ledger recorded it, reduced to what the rule needs. Lists of facts are in
 * ledger order (the order the ledger recorded them): the rule depends on it.
 */
export interface ConsentFact {
  readonly consentId: string;
  readonly version: number;
  readonly action: ConsentAction;
  readonly bureaus: readonly Bureau[];
  readonly effectiveAt: Date;
  readonly expiresAt: Date | null;
}

/**
 * GRANTED and WITHDRAWN act from their effective time on; INVALIDATED says the consent id (every
 * version) was never valid — forged or captured in error — so it authorises nothing, for any event
 * at any time, and what was furnished under it is deleted (docs/consent.md, "Consent found invalid").
 */
export const CONSENT_ACTIONS = ['GRANTED', 'WITHDRAWN', 'INVALIDATED'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export interface ConsentReference {
  readonly consentId: string;
  readonly version: number;
}

/** ORIGINAL_NOT_RELEASED: a correction or retraction (loan-event v3) of an event the filter did not release to the bureau. */
export const WITHHOLD_REASONS = ['NO_CONSENT', 'NOT_YET_EFFECTIVE', 'EXPIRED', 'WITHDRAWN', 'INVALIDATED', 'ORIGINAL_NOT_RELEASED'] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];

export type ConsentDecision =
  | { readonly release: true; readonly bureau: Bureau; readonly consent: ConsentReference }
  | { readonly release: false; readonly bureau: Bureau; readonly reason: WithholdReason };

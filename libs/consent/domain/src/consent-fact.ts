import type { Bureau } from '@furnish/shared-contracts';

/**
 * One consent event as the ledger recorded it, reduced to what the rule needs. Lists of facts are in
 * ledger order (the order the ledger recorded them): the rule depends on it.
 */
export interface ConsentFact {
  readonly consentId: string;
  readonly version: number;
  readonly action: 'GRANTED' | 'WITHDRAWN';
  readonly bureaus: readonly Bureau[];
  readonly effectiveAt: Date;
  readonly expiresAt: Date | null;
}

export interface ConsentReference {
  readonly consentId: string;
  readonly version: number;
}

export const WITHHOLD_REASONS = ['NO_CONSENT', 'NOT_YET_EFFECTIVE', 'EXPIRED', 'WITHDRAWN'] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];

export type ConsentDecision =
  | { readonly release: true; readonly bureau: Bureau; readonly consent: ConsentReference }
  | { readonly release: false; readonly bureau: Bureau; readonly reason: WithholdReason };

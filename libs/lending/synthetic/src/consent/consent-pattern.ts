import type { Bureau } from '@furnish/shared-contracts';

/**
 * How a borrower's consent evolves around the month:
 * - none: never consented;
 * - steady: granted before any event, in force all month;
 * - expiring: granted before, lapses mid-month;
 * - withdrawn: granted before, withdrawn mid-month (for all or some of its bureaus);
 * - late-grant: granted mid-month, after some of the borrower's events;
 * - narrowed: granted before, amended mid-month (a new version) to fewer bureaus.
 */
export const CONSENT_PATTERNS = ['none', 'steady', 'expiring', 'withdrawn', 'late-grant', 'narrowed'] as const;
export type ConsentPattern = (typeof CONSENT_PATTERNS)[number];
export type GrantPattern = Exclude<ConsentPattern, 'none'>;

/** Relative frequencies among consenting borrowers. */
export const DEFAULT_CONSENT_PATTERN_WEIGHTS: Readonly<Record<GrantPattern, number>> = {
  steady: 60,
  expiring: 10,
  withdrawn: 12,
  'late-grant': 10,
  narrowed: 8,
};

/** The consent filter's withhold reasons (docs/consent.md). */
export const WITHHOLD_REASONS = ['NO_CONSENT', 'NOT_YET_EFFECTIVE', 'EXPIRED', 'WITHDRAWN'] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];

/**
 * What the consent filter should decide for one (loan event, bureau), assuming every consent event
 * of the month is known when the event is released (they are published first).
 */
export type ExpectedDecision =
  | { readonly bureau: Bureau; readonly released: true; readonly consent: { readonly consentId: string; readonly version: number } }
  | { readonly bureau: Bureau; readonly released: false; readonly reason: WithholdReason };

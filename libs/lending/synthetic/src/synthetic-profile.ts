import type { Furnisher } from '@furnish/shared-contracts';
import { DEFAULT_CONSENT_PATTERN_WEIGHTS, type GrantPattern } from './consent/consent-pattern';
import { DEFAULT_INSTALMENT_STORY_WEIGHTS, DEFAULT_REVOLVING_STORY_WEIGHTS, type InstalmentStory, type RevolvingStory } from './lending/account-story';

/** Which products a borrower holds. */
export type ProductHolding = 'revolving' | 'instalment' | 'both';

/** The knobs of the generator. Weights are relative; shares are probabilities in [0, 1]. */
export interface SyntheticProfile {
  /** Share of borrowers living in the US (USD accounts, Metro 2 consent); the rest are mainland Chinese (CNY). */
  readonly usBorrowerShare: number;
  /** Share of borrowers with any consent event. */
  readonly consentShare: number;
  readonly products: Readonly<Record<ProductHolding, number>>;
  readonly revolvingStories: Readonly<Record<RevolvingStory, number>>;
  readonly instalmentStories: Readonly<Record<InstalmentStory, number>>;
  readonly consentPatterns: Readonly<Record<GrantPattern, number>>;
  readonly furnisher: Furnisher;
}

/** A fictitious consumer-finance company registered with all three bureaus. */
export const SYNTHETIC_FURNISHER: Furnisher = {
  name: '合成消费金融有限公司',
  pbocManagementOrgCode: 'F330106000888S',
  baihangInstitutionId: 'BH2026000888',
  metro2IdentificationNumber: '4200008888',
};

export const DEFAULT_PROFILE: SyntheticProfile = {
  usBorrowerShare: 0.15,
  consentShare: 0.6,
  products: { revolving: 60, instalment: 25, both: 15 },
  revolvingStories: DEFAULT_REVOLVING_STORY_WEIGHTS,
  instalmentStories: DEFAULT_INSTALMENT_STORY_WEIGHTS,
  consentPatterns: DEFAULT_CONSENT_PATTERN_WEIGHTS,
  furnisher: SYNTHETIC_FURNISHER,
};

export type SyntheticProfileOverrides = { readonly [K in keyof SyntheticProfile]?: SyntheticProfile[K] extends number | Furnisher ? SyntheticProfile[K] : Partial<SyntheticProfile[K]> };

/** The default profile with `overrides` applied; weight tables are merged key by key. */
export function resolveProfile(overrides: SyntheticProfileOverrides = {}): SyntheticProfile {
  const share = (name: 'usBorrowerShare' | 'consentShare'): number => {
    const value = overrides[name] ?? DEFAULT_PROFILE[name];
    if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
    return value;
  };
  return {
    usBorrowerShare: share('usBorrowerShare'),
    consentShare: share('consentShare'),
    products: { ...DEFAULT_PROFILE.products, ...overrides.products },
    revolvingStories: { ...DEFAULT_PROFILE.revolvingStories, ...overrides.revolvingStories },
    instalmentStories: { ...DEFAULT_PROFILE.instalmentStories, ...overrides.instalmentStories },
    consentPatterns: { ...DEFAULT_PROFILE.consentPatterns, ...overrides.consentPatterns },
    furnisher: overrides.furnisher ?? DEFAULT_PROFILE.furnisher,
  };
}

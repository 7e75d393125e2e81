/**
 * What happens to one account in the generated month. Each story fixes the account's past (how
 * many payments it has missed going into the month) and what the borrower does during the month.
 */
export const REVOLVING_STORIES = [
  'new',
  'transactor',
  'revolver',
  'dormant',
  'first-miss',
  'delinquent',
  'partial-recovery',
  'cure',
  'closure',
  'charge-off',
] as const;
export type RevolvingStory = (typeof REVOLVING_STORIES)[number];

export const INSTALMENT_STORIES = [
  'new',
  'on-time',
  'final-instalment',
  'early-payoff',
  'first-miss',
  'delinquent',
  'partial-recovery',
  'cure',
  'charge-off',
] as const;
export type InstalmentStory = (typeof INSTALMENT_STORIES)[number];

export type AccountStory = RevolvingStory | InstalmentStory;

/** Relative frequencies, roughly those of a consumer book with a few percent in arrears. */
export const DEFAULT_REVOLVING_STORY_WEIGHTS: Readonly<Record<RevolvingStory, number>> = {
  new: 6,
  transactor: 34,
  revolver: 30,
  dormant: 6,
  'first-miss': 6,
  delinquent: 6,
  'partial-recovery': 3,
  cure: 4,
  closure: 3,
  'charge-off': 2,
};

export const DEFAULT_INSTALMENT_STORY_WEIGHTS: Readonly<Record<InstalmentStory, number>> = {
  new: 10,
  'on-time': 52,
  'final-instalment': 7,
  'early-payoff': 4,
  'first-miss': 6,
  delinquent: 8,
  'partial-recovery': 4,
  cure: 5,
  'charge-off': 4,
};

/** Days past due at which an account is written off (the common 180-day rule). */
export const CHARGE_OFF_DAYS = 180;

import type { PaymentStanding } from '@furnish/shared-contracts';

/** Statements carry at most this many previous months (the Metro 2 profile length). */
export const PAYMENT_HISTORY_MONTHS = 24;

const BANDS: readonly { readonly minDays: number; readonly standing: PaymentStanding }[] = [
  { minDays: 180, standing: 'PAST_DUE_180_PLUS' },
  { minDays: 150, standing: 'PAST_DUE_150' },
  { minDays: 120, standing: 'PAST_DUE_120' },
  { minDays: 90, standing: 'PAST_DUE_90' },
  { minDays: 60, standing: 'PAST_DUE_60' },
  { minDays: 30, standing: 'PAST_DUE_30' },
];

/** The 30-day band of days past due at a month end (the schema's PaymentStanding doc). */
export const standingOfDaysPastDue = (daysPastDue: number): PaymentStanding => BANDS.find((band) => daysPastDue >= band.minDays)?.standing ?? 'CURRENT';

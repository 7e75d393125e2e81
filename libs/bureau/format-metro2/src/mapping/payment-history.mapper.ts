import type { PaymentStanding } from '@furnish/shared-contracts';
import { METRO2_PAYMENT_HISTORY_CODES } from '../metro2.choices';

export const PAYMENT_HISTORY_LENGTH = 24;

/**
 * The 24-month Payment History Profile: one character per previous month, most recent first
 * (byte 1 = the month before this report), right-padded with B (no history) when the account is
 * younger or the event carries no statement. Months beyond 24 are dropped.
 */
export function paymentHistoryProfile(history: readonly PaymentStanding[] | undefined): string {
  return (history ?? [])
    .slice(0, PAYMENT_HISTORY_LENGTH)
    .map((standing) => METRO2_PAYMENT_HISTORY_CODES[standing])
    .join('')
    .padEnd(PAYMENT_HISTORY_LENGTH, 'B');
}

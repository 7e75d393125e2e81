import type { Metro2Account } from '@furnish/shared-contracts';
import { CHARGE_OFF_STATUSES, DELINQUENT_PAYMENT_RATINGS } from '../code-tables';
import { METRO2_DELINQUENCY_BANDS } from '../metro2.choices';
import { wholeDollars } from './whole-dollars';

/** The Base fields that describe where the account stands. */
export interface Metro2Standing {
  readonly accountStatus: string;
  readonly paymentRating: string;
  readonly amountPastDue: number;
  readonly dateFirstDelinquency: string | null;
  readonly originalChargeOffAmount: number;
}

const bandOf = (daysPastDue: number) => METRO2_DELINQUENCY_BANDS.find((band) => daysPastDue >= band.minDays);

/**
 * Account Status and Payment Rating from the account after the event:
 * - CURRENT, or DELINQUENT under 30 days → 11 (current, 0-29 days; Amount Past Due 0, §5.1 rule 14);
 * - DELINQUENT → 71/78/80/82/83/84 by 30-day band, with the DOFD;
 * - CLOSED → 13 (paid or closed, zero balance) with the rating of its last delinquency band (0 if none);
 * - CHARGED_OFF → 97 while a balance remains, 64 once it is paid; both with the DOFD and the charge-off amount.
 */
export function metro2StandingOf(account: Metro2Account): Metro2Standing {
  const band = bandOf(account.daysPastDue);
  const pastDue = wholeDollars(account.amountPastDue);
  switch (account.status) {
    case 'CURRENT':
    case 'DELINQUENT':
      return band && account.status === 'DELINQUENT'
        ? { ...notChargedOff, accountStatus: band.status, amountPastDue: pastDue, dateFirstDelinquency: account.dateOfFirstDelinquency }
        : { ...notChargedOff, accountStatus: '11' };
    case 'CLOSED': {
      const paymentRating = band?.rating ?? '0';
      return {
        ...notChargedOff,
        accountStatus: '13',
        paymentRating,
        amountPastDue: pastDue,
        dateFirstDelinquency: DELINQUENT_PAYMENT_RATINGS.includes(paymentRating) ? account.dateOfFirstDelinquency : null,
      };
    }
    case 'CHARGED_OFF': {
      const accountStatus = wholeDollars(account.balance) > 0 ? '97' : '64';
      return {
        accountStatus,
        paymentRating: '',
        amountPastDue: pastDue,
        dateFirstDelinquency: account.dateOfFirstDelinquency,
        originalChargeOffAmount: CHARGE_OFF_STATUSES.includes(accountStatus) && account.chargedOffAmount ? wholeDollars(account.chargedOffAmount) : 0,
      };
    }
  }
}

const notChargedOff = { paymentRating: '', amountPastDue: 0, dateFirstDelinquency: null, originalChargeOffAmount: 0 } as const;

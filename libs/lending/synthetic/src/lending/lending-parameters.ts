import { revolvingPolicy, type RevolvingPolicy } from './revolving.ledger';
import type { Country } from '../people/borrower.factory';

export type CurrencyCode = 'CNY' | 'USD';

/** The hours of a day (UTC seconds) in which a borrower of a country transacts; statements close at the end. */
export interface DayWindow {
  readonly start: number;
  readonly end: number;
}

/** How the lender's two products look in each market. */
export interface MarketParameters {
  readonly currency: CurrencyCode;
  readonly graceDays: number;
  /**
   * Beijing 08:00-24:00 is 00:00-16:00 UTC and US Eastern 08:00-19:00 is 13:00-24:00 UTC, so an
   * event's calendar day is the same in UTC and in the borrower's zone: PBOC and Baihang date by
   * Beijing time, Metro 2 by UTC.
   */
  readonly window: DayWindow;
  readonly revolving: {
    readonly policy: RevolvingPolicy;
    /** Credit limits: [min, max, step] in whole currency units. */
    readonly limits: readonly [number, number, number];
  };
  readonly instalment: {
    readonly principals: readonly [number, number, number];
    readonly monthlyRates: readonly number[];
  };
  /** Lender's registered district (PBOC ApplyBusiDist for online lending); null outside China. */
  readonly applicationDistrictCode: string | null;
}

export const MARKETS: Readonly<Record<Country, MarketParameters>> = {
  CN: {
    currency: 'CNY',
    graceDays: 3,
    window: { start: 0, end: 16 * 3600 },
    revolving: { policy: revolvingPolicy(0.015, 50, 10), limits: [1000, 50000, 500] },
    instalment: { principals: [1000, 50000, 100], monthlyRates: [0.009, 0.012, 0.015] },
    applicationDistrictCode: '330106',
  },
  US: {
    currency: 'USD',
    graceDays: 0,
    window: { start: 13 * 3600, end: 24 * 3600 },
    revolving: { policy: revolvingPolicy(0.0199, 25, 25), limits: [500, 15000, 100] },
    instalment: { principals: [500, 15000, 50], monthlyRates: [0.0099, 0.0125, 0.0175] },
    applicationDistrictCode: null,
  },
};

import Big from 'big.js';

/**
 * Inside the generator money is a whole number of cents (exact in a double far beyond any
 * balance here) so the month simulates quickly; events carry big.js values with two decimals,
 * as the schema's decimal(18,2) wants.
 */
export type Cents = number;

const ZERO_MONEY = new Big(0);

/** Rounds half away from zero to whole cents. */
export const roundCents = (value: number): Cents => Math.sign(value) * Math.round(Math.abs(value));

/** The Big value of an amount in cents: `c / 100` prints as its exact two-decimal value. */
export const toMoney = (cents: Cents): Big => (cents === 0 ? ZERO_MONEY : new Big(cents / 100));

export const nullableMoney = (cents: Cents | null): Big | null => (cents === null ? null : toMoney(cents));

/** Whole currency units to cents. */
export const units = (amount: number): Cents => Math.round(amount * 100);

/** A random amount in cents between `min` and `max` whole units. */
export const centsBetween = (float: number, min: number, max: number): Cents => roundCents((min + float * (max - min)) * 100);

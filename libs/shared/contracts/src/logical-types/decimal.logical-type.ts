import { types, type Schema, type Type } from 'avsc';
import Big from 'big.js';
import { LogicalTypeError } from '../errors';
import {
  MAX_SAFE_TWOS_COMPLEMENT_BYTES,
  fromSafeTwosComplement,
  fromTwosComplement,
  safeIntegerToTwosComplement,
  toTwosComplement,
} from './twos-complement';

interface DecimalSchema {
  readonly precision?: unknown;
  readonly scale?: unknown;
}

/**
 * Avro `decimal` on `bytes` as a big.js `Big`. Writing never rounds: a value with more fractional
 * digits than the scale, or more digits than the precision, is rejected.
 */
export class DecimalType extends types.LogicalType {
  readonly precision: number;
  readonly scale: number;
  /**
   * The most bytes a value is read from: what `precision` digits take, or 32 (sign extension by
   * other writers is accepted, as is a value wider than the precision), whichever is more.
   */
  readonly maxBytes: number;

  constructor(schema: Schema, opts?: unknown) {
    super(schema, opts);
    const { precision, scale = 0 } = schema as DecimalSchema;
    if (!Number.isInteger(precision) || (precision as number) < 1) {
      throw new LogicalTypeError('decimal', 'precision must be a positive integer');
    }
    if (!Number.isInteger(scale) || (scale as number) < 0 || (scale as number) > (precision as number)) {
      throw new LogicalTypeError('decimal', 'scale must be an integer between 0 and the precision');
    }
    this.precision = precision as number;
    this.scale = scale as number;
    const largest = 10n ** BigInt(this.precision) - 1n;
    this.maxBytes = Math.max(MIN_READ_BYTES, toTwosComplement(largest).length, toTwosComplement(-largest).length);
  }

  /** Why the value cannot be written, or undefined if it can. Reads big.js's digits `c` and exponent `e`: no strings unless it fails. */
  violation(value: unknown): string | undefined {
    if (!(value instanceof Big)) return 'expected a Big from big.js';
    const fractionDigits = value.c.length - value.e - 1;
    if (fractionDigits > this.scale) {
      return `value has ${fractionDigits} fractional digits but the scale allows ${this.scale}; round it explicitly before writing`;
    }
    const digits = unscaledDigitCount(value, this.scale);
    if (digits > this.precision) {
      return `value has ${digits} digits at scale ${this.scale} but the precision allows ${this.precision}`;
    }
    return undefined;
  }

  protected override _toValue(value: unknown): Buffer {
    const problem = this.violation(value);
    if (problem) throw new LogicalTypeError(this.label(), problem);
    const big = value as Big;
    if (unscaledDigitCount(big, this.scale) <= MAX_SAFE_DIGITS) {
      const unscaled = unscaledMagnitude(big, this.scale);
      if (unscaled <= Number.MAX_SAFE_INTEGER) return safeIntegerToTwosComplement(big.s < 0 ? -unscaled : unscaled);
    }
    const zeros = big.e + this.scale + 1 - big.c.length;
    return toTwosComplement(BigInt(`${big.s < 0 ? '-' : ''}${big.c.join('')}${'0'.repeat(zeros)}`));
  }

  /**
   * Refuses more than `maxBytes` before converting them: a megabyte of digits in one message would
   * otherwise cost seconds of BigInt arithmetic (bounded work per record).
   */
  protected override _fromValue(bytes: Buffer): Big {
    if (bytes.length > this.maxBytes) {
      throw new LogicalTypeError(this.label(), `the value takes ${bytes.length} bytes; at most ${this.maxBytes} are read`);
    }
    if (bytes.length <= MAX_SAFE_TWOS_COMPLEMENT_BYTES) {
      const unscaled = fromSafeTwosComplement(bytes);
      return bigFromUnscaled(unscaled < 0, String(unscaled < 0 ? -unscaled : unscaled), this.scale);
    }
    const unscaled = fromTwosComplement(bytes);
    return bigFromUnscaled(unscaled < 0n, (unscaled < 0n ? -unscaled : unscaled).toString(), this.scale);
  }

  /** Avro resolution: decimals match when the scales are equal; a wider reader precision is safe. */
  protected override _resolve(writer: Type): ((value: Big) => Big) | undefined {
    if (writer instanceof DecimalType && writer.scale === this.scale && writer.precision <= this.precision) {
      return (value) => value;
    }
    return undefined;
  }

  protected override _export(attrs: Schema): void {
    Object.assign(attrs as object, { precision: this.precision, scale: this.scale });
  }

  /**
   * avsc picks the branch of an unwrapped union by calling `_check(value)` with no flags. Claiming
   * every Big there lets the write fail with the constraint above instead of a bare "invalid
   * union"; called with flags (isValid, record checks) the check is strict.
   */
  _check(value: unknown, flags?: number, hook?: (value: unknown, type: Type) => void): boolean {
    if (flags === undefined && hook === undefined) return value instanceof Big;
    const valid = this.violation(value) === undefined;
    if (!valid && hook) hook(value, this);
    return valid;
  }

  private label(): string {
    return `decimal(${this.precision},${this.scale})`;
  }
}

/** Reading accepts at least this many bytes: 77 digits, sign-extended encodings of any usual precision included. */
const MIN_READ_BYTES = 32;

/** Unscaled values of up to 16 digits may be safe integers (2^53 - 1 has 16); 10^0 … 10^16 are exact doubles. */
const MAX_SAFE_DIGITS = 16;
const POWERS_OF_TEN = Array.from({ length: MAX_SAFE_DIGITS + 1 }, (_, n) => 10 ** n);
const ZERO = new Big(0);

/**
 * Digits of |value| × 10^scale without leading zeros (0 for zero), for a value with at most `scale` fractional digits.
 * big.js keeps `c` normalised: no leading zeros unless the value is zero, whose `c` is [0].
 */
function unscaledDigitCount(value: Big, scale: number): number {
  return value.c[0] === 0 ? 0 : value.e + scale + 1;
}

/**
 * |value| × 10^scale as a number, for at most 16 digits. Exact whenever the result is at most Number.MAX_SAFE_INTEGER: until
 * then every step is an integer below 2^53; past it the result is at least 2^53, and the caller falls back to BigInt.
 */
function unscaledMagnitude(value: Big, scale: number): number {
  const digits = value.c;
  let unscaled = 0;
  for (let i = 0; i < digits.length; i++) unscaled = unscaled * 10 + digits[i];
  return unscaled * POWERS_OF_TEN[value.e + scale + 1 - digits.length];
}

/**
 * The Big of ±`digits` × 10^-scale, `digits` being a non-negative integer without leading zeros. Parsing text was ~7× slower
 * than this, so it sets the coefficient `c`, exponent `e` and sign `s` (big.js's documented representation) to the normalised
 * values its parse would give: digits without trailing zeros, and zero as c [0], e 0, s 1. It does so only on a fresh copy of
 * zero that nobody else holds yet; the specs check the fields against parse's.
 */
function bigFromUnscaled(negative: boolean, digits: string, scale: number): Big {
  const big = new Big(ZERO);
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
  if (end === 1 && digits.charCodeAt(0) === 0x30) return big;
  const coefficient = new Array<number>(end);
  for (let i = 0; i < end; i++) coefficient[i] = digits.charCodeAt(i) - 0x30;
  big.s = negative ? -1 : 1;
  big.e = digits.length - 1 - scale;
  big.c = coefficient;
  return big;
}

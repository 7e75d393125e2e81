import { types, type Schema, type Type } from 'avsc';
import Big from 'big.js';
import { LogicalTypeError } from '../errors';
import { fromTwosComplement, toTwosComplement } from './twos-complement';

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
  }

  /** Why the value cannot be written, or undefined if it can. */
  violation(value: unknown): string | undefined {
    if (!(value instanceof Big)) return 'expected a Big from big.js';
    const fractionDigits = Math.max(0, value.c.length - value.e - 1);
    if (fractionDigits > this.scale) {
      return `value has ${fractionDigits} fractional digits but the scale allows ${this.scale}; round it explicitly before writing`;
    }
    const digits = unscaledDigits(value, this.scale).replace(/^0+/, '').length;
    if (digits > this.precision) {
      return `value has ${digits} digits at scale ${this.scale} but the precision allows ${this.precision}`;
    }
    return undefined;
  }

  protected override _toValue(value: unknown): Buffer {
    const problem = this.violation(value);
    if (problem) throw new LogicalTypeError(this.label(), problem);
    const big = value as Big;
    return toTwosComplement(BigInt(`${big.s < 0 ? '-' : ''}${unscaledDigits(big, this.scale)}`));
  }

  protected override _fromValue(bytes: Buffer): Big {
    const unscaled = fromTwosComplement(bytes);
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const point = digits.length - this.scale;
    const text = this.scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
    return new Big(`${negative ? '-' : ''}${text}`);
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

/** The digits of value × 10^scale; the caller has checked there are at most `scale` fractional digits. */
function unscaledDigits(value: Big, scale: number): string {
  return value.abs().toFixed(scale).replace('.', '');
}

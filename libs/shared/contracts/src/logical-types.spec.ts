import Big from 'big.js';
import fc from 'fast-check';
import type { AvroFieldJson, AvroSchemaObject } from './avro-schema';
import { LogicalTypeError } from './errors';
import { toLocalDate } from './local-date';
import { parseAvroSchema } from './logical-types';

const money = { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 2 };
const moneyType = parseAvroSchema(money);
const record = (fields: readonly object[]): AvroSchemaObject => ({ type: 'record', name: 'Sample', namespace: 'com.furnish.test', fields: fields as AvroFieldJson[] });

describe('decimal ⇄ Big', () => {
  it.each(['0', '0.01', '-0.01', '1234.56', '-1234.56', '100', '9999999999999999.99', '-9999999999999999.99', '127', '128', '-128', '-129'])(
    'round-trips %s exactly',
    (text) => {
      const decoded: Big = moneyType.fromBuffer(moneyType.toBuffer(new Big(text)));
      expect(decoded).toBeInstanceOf(Big);
      expect(decoded.eq(new Big(text))).toBe(true);
      expect(decoded.toFixed(2)).toBe(new Big(text).toFixed(2));
    },
  );

  // Avro bytes: a zig-zag length (2 × byte count), then the big-endian two's-complement unscaled integer.
  it.each([
    ['1.00', '0264'], // 100
    ['1.28', '040080'], // 128 needs a leading zero byte to stay positive
    ['-1.00', '029c'], // -100
    ['-1.29', '04ff7f'], // -129
    ['0', '0200'],
  ])('encodes %s as %s', (text, hex) => {
    expect(moneyType.toBuffer(new Big(text)).toString('hex')).toBe(hex);
  });

  it('rejects more fractional digits than the scale instead of rounding', () => {
    expect(() => moneyType.toBuffer(new Big('10.005'))).toThrow(LogicalTypeError);
    expect(() => moneyType.toBuffer(new Big('10.005'))).toThrow('decimal(18,2): value has 3 fractional digits but the scale allows 2');
  });

  it('rejects more digits than the precision', () => {
    expect(() => moneyType.toBuffer(new Big('10000000000000000'))).toThrow('decimal(18,2): value has 19 digits at scale 2 but the precision allows 18');
    expect(() => moneyType.toBuffer(new Big('-10000000000000000.00'))).toThrow('precision allows 18');
  });

  it('accepts trailing zeros beyond the scale, which are not extra precision', () => {
    expect(moneyType.fromBuffer(moneyType.toBuffer(new Big('1.2000'))).toFixed(2)).toBe('1.20');
  });

  it('rejects numbers and strings: money is always a Big', () => {
    expect(() => moneyType.toBuffer(12.5)).toThrow('expected a Big');
    expect(() => moneyType.toBuffer('12.50')).toThrow('expected a Big');
    expect(moneyType.isValid(12.5)).toBe(false);
  });

  it('reports the constraint for an optional amount too, and isValid names the path', () => {
    const type = parseAvroSchema(record([{ name: 'limit', type: ['null', money], default: null }]));
    expect(() => type.toBuffer({ limit: new Big('1.234') })).toThrow('scale allows 2');
    const paths: string[][] = [];
    expect(type.isValid({ limit: new Big('1.234') }, { errorHook: (path: string[]) => paths.push(path) })).toBe(false);
    expect(paths).toEqual([['limit']]);
    expect(type.fromBuffer(type.toBuffer({ limit: null }))).toEqual({ limit: null });
    expect(type.fromBuffer(type.toBuffer({ limit: new Big('7.5') })).limit.toFixed(2)).toBe('7.50');
  });

  it('refuses a decimal schema without a valid precision rather than decoding it as bytes', () => {
    expect(() => parseAvroSchema({ type: 'bytes', logicalType: 'decimal', scale: 2 })).toThrow('precision');
    expect(() => parseAvroSchema({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 5 })).toThrow('scale');
  });

  it('exports precision and scale with the schema', () => {
    expect(moneyType.schema({ exportAttrs: true })).toEqual(money);
  });
});

/**
 * The decimal code before the fast paths (toFixed, a regex, BigInt from text, hex), kept as the reference whose bytes,
 * values and messages the current code must reproduce exactly. Its bytes are Java's BigInteger.toByteArray.
 */
const referenceDecimal = {
  violation(value: Big, precision: number, scale: number): string | undefined {
    const fractionDigits = Math.max(0, value.c.length - value.e - 1);
    if (fractionDigits > scale) return `value has ${fractionDigits} fractional digits but the scale allows ${scale}; round it explicitly before writing`;
    const digits = value.abs().toFixed(scale).replace('.', '').replace(/^0+/, '').length;
    if (digits > precision) return `value has ${digits} digits at scale ${scale} but the precision allows ${precision}`;
    return undefined;
  },
  encode(value: Big, scale: number): Buffer {
    const unscaled = BigInt(`${value.s < 0 ? '-' : ''}${value.abs().toFixed(scale).replace('.', '')}`);
    let length = 1;
    while (unscaled < -(1n << BigInt(8 * length - 1)) || unscaled >= 1n << BigInt(8 * length - 1)) length++;
    const unsigned = unscaled < 0n ? (1n << BigInt(8 * length)) + unscaled : unscaled;
    return Buffer.from(unsigned.toString(16).padStart(2 * length, '0'), 'hex');
  },
  decode(bytes: Buffer, scale: number): Big {
    let unscaled = bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
    if (bytes.length > 0 && bytes[0] & 0x80) unscaled -= 1n << BigInt(8 * bytes.length);
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
    const point = digits.length - scale;
    return new Big(`${negative ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`}`);
  },
};

describe('decimal agrees with the reference implementation', () => {
  const bytesType = parseAvroSchema('"bytes"');
  const decimalTypes = [[18, 2], [1, 0], [4, 4], [9, 2], [16, 0], [17, 3], [20, 2], [38, 10]].map(([precision, scale]) => ({
    precision,
    scale,
    type: parseAvroSchema({ type: 'bytes', logicalType: 'decimal', precision, scale }),
  }));
  const money18 = decimalTypes[0];
  /** The sign, exponent and digits of a Big: what big.js computes with, and what Jest compares. */
  const parts = (value: Big) => ({ big: value instanceof Big, s: value.s, e: value.e, c: value.c });

  // Where the encoding changes length or leaves the safe-integer path: ±2^(8n-1) ± 1, ±2^53 ± 1, 10^n - 1.
  const edges = [7, 15, 23, 31, 39, 47, 53, 55, 63].flatMap((bits) => [-1n, 0n, 1n].flatMap((d) => [(1n << BigInt(bits)) + d, -(1n << BigInt(bits)) + d]));
  const nines = Array.from({ length: 20 }, (_, n) => 10n ** BigInt(n + 1) - 1n).flatMap((n) => [n, -n]);
  const anUnscaled = fc.oneof(
    fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }),
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
    fc.integer({ min: -70_000, max: 70_000 }).map(BigInt),
    fc.constantFrom(...edges, ...nines, 0n),
  );
  /** ±unscaled × 10^exponent: exponents below -scale give too many fractional digits, some above 0 give trailing zeros. */
  const aBig = (scale: number) =>
    fc.oneof(
      fc.tuple(anUnscaled, fc.integer({ min: -scale - 2, max: 3 })).map(([unscaled, exponent]) => new Big(`${unscaled}e${exponent}`)),
      fc.constantFrom(new Big('-0'), new Big('-0.00'), new Big(0).times(-1), new Big('0.01').minus('0.01'), new Big('-0.01'), new Big('9999999999999999.99'), new Big('-9999999999999999.99')),
      fc.tuple(fc.integer(), fc.integer({ min: 1, max: 1000 })).map(([a, b]) => new Big(a).div(b).round(scale)),
    );

  const encodings = (decimal: (typeof decimalTypes)[number]) =>
    fc.property(aBig(decimal.scale), (value) => {
      const problem = referenceDecimal.violation(value, decimal.precision, decimal.scale);
      expect(decimal.type.isValid(value)).toBe(problem === undefined);
      if (problem !== undefined) {
        expect(() => decimal.type.toBuffer(value)).toThrow(new LogicalTypeError(`decimal(${decimal.precision},${decimal.scale})`, problem));
        return;
      }
      const written = decimal.type.toBuffer(value);
      expect(written.toString('hex')).toBe(bytesType.toBuffer(referenceDecimal.encode(value, decimal.scale)).toString('hex'));
      const read: Big = decimal.type.fromBuffer(written);
      expect(read.eq(value)).toBe(true);
      expect(parts(read)).toEqual(parts(referenceDecimal.decode(bytesType.fromBuffer(written), decimal.scale)));
    });

  it('decimal(18,2) writes the same bytes and refuses the same values with the same message, and reads back what it wrote', () => {
    fc.assert(encodings(money18), { numRuns: 5_000 });
  });

  it.each(decimalTypes.slice(1).map((decimal) => [`decimal(${decimal.precision},${decimal.scale})`, decimal] as const))('%s does too', (_name, decimal) => {
    fc.assert(encodings(decimal), { numRuns: 500 });
  });

  it('reads any bytes as the reference does, non-minimal encodings from other writers included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.constantFrom(...decimalTypes), (bytes, decimal) => {
        const read: Big = decimal.type.fromBuffer(bytesType.toBuffer(Buffer.from(bytes)));
        expect(parts(read)).toEqual(parts(referenceDecimal.decode(Buffer.from(bytes), decimal.scale)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads a value sign-extended to 32 bytes, and refuses more before converting them', () => {
    // 32 bytes of two's complement: 31 sign-extension bytes 0xff, then 0xff: -1 unscaled, -0.01.
    const padded = Buffer.alloc(32, 0xff);
    expect(parts(money18.type.fromBuffer(bytesType.toBuffer(padded)))).toEqual(parts(new Big('-0.01')));
    // A megabyte of digits would take seconds of BigInt arithmetic.
    expect(() => money18.type.fromBuffer(bytesType.toBuffer(Buffer.alloc(1_000_000, 0x11)))).toThrow(
      new LogicalTypeError('decimal(18,2)', 'the value takes 1000000 bytes; at most 32 are read'),
    );
    expect(() => money18.type.fromBuffer(bytesType.toBuffer(Buffer.alloc(33)))).toThrow(
      new LogicalTypeError('decimal(18,2)', 'the value takes 33 bytes; at most 32 are read'),
    );
    // decimal(80,0) needs 34 bytes (10^80 - 1 < 2^266): its own length is the bound.
    const wide = parseAvroSchema({ type: 'bytes', logicalType: 'decimal', precision: 80, scale: 0 });
    expect(String(wide.fromBuffer(bytesType.toBuffer(Buffer.alloc(34, 0xff))))).toBe('-1');
    expect(() => wide.fromBuffer(bytesType.toBuffer(Buffer.alloc(35)))).toThrow(new LogicalTypeError('decimal(80,0)', 'the value takes 35 bytes; at most 34 are read'));
  });

  it.each([
    ['0', '00'],
    ['-0', '00'],
    ['-0.01', 'ff'],
    ['90071992547409.91', '1fffffffffffff'], // 2^53 - 1: the largest on the number path, 7 bytes
    ['-90071992547409.92', 'e0000000000000'], // -2^53: BigInt path
    ['1407374883553.28', '00800000000000'], // 2^47 needs a 7th byte to stay positive
    ['-1407374883553.28', '800000000000'], // -2^47 still fits 6
    ['9999999999999999.99', '0de0b6b3a763ffff'],
    ['-9999999999999999.99', 'f21f494c589c0001'],
  ])('writes %s as the unscaled bytes %s', (text, hex) => {
    const written = money18.type.toBuffer(new Big(text));
    expect(written.subarray(1).toString('hex')).toBe(hex);
    expect(written.subarray(1).toString('hex')).toBe(referenceDecimal.encode(new Big(text), 2).toString('hex'));
  });
});

describe('date ⇄ LocalDate', () => {
  const type = parseAvroSchema({ type: 'int', logicalType: 'date' });

  it('round-trips and encodes days since the epoch', () => {
    expect(type.fromBuffer(type.toBuffer(toLocalDate('2024-02-29')))).toBe('2024-02-29');
    expect(type.toBuffer(toLocalDate('1970-01-02'))).toEqual(Buffer.from([2])); // zig-zag 1
  });

  it.each(['2023-02-29', '2024/02/01', 19000])('rejects %j', (value) => {
    expect(() => type.toBuffer(value)).toThrow(LogicalTypeError);
  });
});

describe('timestamp-millis ⇄ Date', () => {
  const type = parseAvroSchema({ type: 'long', logicalType: 'timestamp-millis' });

  it('round-trips to the millisecond', () => {
    const at = new Date('2024-06-03T11:42:17.123Z');
    expect(type.fromBuffer(type.toBuffer(at))).toEqual(at);
  });

  it.each([new Date('invalid'), 1717414937123, '2024-06-03T11:42:17Z'])('rejects %j', (value) => {
    expect(() => type.toBuffer(value)).toThrow(LogicalTypeError);
  });

  it('refuses to read milliseconds no Date can hold, which JSON would otherwise write as null (a consent that never expires)', () => {
    const long = parseAvroSchema('"long"');
    expect(type.fromBuffer(long.toBuffer(8_640_000_000_000_000))).toEqual(new Date(8_640_000_000_000_000));
    expect(() => type.fromBuffer(long.toBuffer(8_700_000_000_000_000))).toThrow('timestamp-millis: milliseconds outside the range of a Date');
  });
});

describe('uuid', () => {
  const type = parseAvroSchema({ type: 'string', logicalType: 'uuid' });
  const plain = parseAvroSchema('"string"');

  it('round-trips a UUID', () => {
    expect(type.fromBuffer(type.toBuffer('0b9c2f4e-6a1d-4c8b-9e3f-2d7a5b1c8e60'))).toBe('0b9c2f4e-6a1d-4c8b-9e3f-2d7a5b1c8e60');
  });

  it('rejects malformed ids on write and on read', () => {
    expect(() => type.toBuffer('not-a-uuid')).toThrow(LogicalTypeError);
    expect(() => type.fromBuffer(plain.toBuffer('not-a-uuid'))).toThrow(LogicalTypeError);
  });
});

describe('schema resolution between logical types', () => {
  const decimal = (precision: number, scale: number) => ({ type: 'bytes', logicalType: 'decimal', precision, scale });

  it('reads a narrower decimal with the same scale', () => {
    const writer = parseAvroSchema(decimal(10, 2));
    const reader = parseAvroSchema(decimal(18, 2));
    const value: Big = reader.fromBuffer(writer.toBuffer(new Big('-42.10')), reader.createResolver(writer));
    expect(value.toFixed(2)).toBe('-42.10');
  });

  it('refuses a different scale, which would change every amount', () => {
    expect(() => parseAvroSchema(decimal(18, 4)).createResolver(parseAvroSchema(decimal(18, 2)))).toThrow(/cannot read/);
  });

  it.each([
    [{ type: 'int', logicalType: 'date' }, toLocalDate('2024-05-31')],
    [{ type: 'long', logicalType: 'timestamp-millis' }, new Date('2024-05-31T16:05:00Z')],
    [{ type: 'string', logicalType: 'uuid' }, '0b9c2f4e-6a1d-4c8b-9e3f-2d7a5b1c8e60'],
  ])('resolves %j against itself inside a union', (logical, value) => {
    const writer = parseAvroSchema(record([{ name: 'v', type: logical }]));
    const reader = parseAvroSchema(record([{ name: 'v', type: ['null', logical], default: null }]));
    expect(reader.fromBuffer(writer.toBuffer({ v: value }), reader.createResolver(writer))).toEqual({ v: value });
  });
});

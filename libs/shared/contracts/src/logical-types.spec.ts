import Big from 'big.js';
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

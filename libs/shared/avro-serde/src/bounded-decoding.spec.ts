import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Type } from 'avsc';
import { SchemaCatalog, parseAvroSchema, projectSchema, type AvroSchemaObject } from '@furnish/shared-contracts';
import { aConsentEvent, aLoanEvent, aStatementClosedLoanEvent } from '@furnish/shared-contracts/testing';
import { ConfigError } from '@furnish/shared-util-config';
import { decodeLimitsFromEnv } from './avro-serde.config';
import { DEFAULT_MAX_COLLECTION_ITEMS, assertBoundedAvroDecoding, decodeAvroBody, type AvroDecodeLimits } from './bounded-decoding';
import { AvroDeclaredSizeError, AvroDecodeError, AvroItemLimitError } from './errors';
import { avroLong, fieldOffset, splice } from './testing/avro-body';

// Expected outcomes follow the Avro specification's binary encoding: a string or bytes value is a
// long length then that many bytes; an array or map is blocks of a long count then that many items
// (map entries: a string key then the value), a negative count being followed by the block's size
// in bytes; a count of 0 ends it. A size is therefore invalid when negative, and a block cannot
// hold more items than the bytes after its count, each item taking at least its type's smallest
// encoding (null: 0 bytes, int: 1, double: 8, a map entry: 1 for the key's length plus the value).

const catalog = SchemaCatalog.load();
const LIMITS: AvroDecodeLimits = { maxCollectionItems: DEFAULT_MAX_COLLECTION_ITEMS };
const TWO_TO_40 = 2n ** 40n;

const decode = (reader: Type, body: Buffer, resolver?: unknown, limits = LIMITS) => decodeAvroBody(reader, body, resolver, limits, () => 'a test value');
const failureOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the decode to fail');
};
const schema = (fields: readonly object[]) => parseAvroSchema({ type: 'record', name: 'Probe', fields } as AvroSchemaObject);

describe('bounded decoding of the real schemas', () => {
  const loanEvent = catalog.latest('loan-event');
  /** The consent filter's reader: four fields, every other one skipped. */
  const filterReader = parseAvroSchema(projectSchema(loanEvent.json, ['eventId', 'occurredAt', 'account.accountId', 'borrower.borrowerId']));
  /** The same event written by a producer one version ahead: a trailing optional field the reader resolves away. */
  const newerWriter = parseAvroSchema({ ...loanEvent.json, fields: [...(loanEvent.json.fields ?? []), { name: 'channelNote', type: ['null', 'string'], default: null }] });

  const event = { ...aLoanEvent(), account: { ...aLoanEvent().account, scheduledDueDates: [] } };
  const valid = loanEvent.type.toBuffer(event);
  const arrayAt = fieldOffset(loanEvent.type, event, 'account.scheduledDueDates');
  /** The event with its empty `account.scheduledDueDates` (one 0x00 byte) declaring 2^40 items instead. */
  const hostile = splice(valid, arrayAt, 1, avroLong(TWO_TO_40));

  it('finds the array where the specification puts it', () => {
    expect(valid[arrayAt]).toBe(0x00);
    expect(decode(loanEvent.type, valid)).toEqual(event);
  });

  it.each([
    ['read whole', 0, () => decode(loanEvent.type, hostile)],
    ['read through the filter projection, which skips the array', 0, () => decode(filterReader, hostile, filterReader.createResolver(loanEvent.type))],
    // The newer writer's event ends with one more byte: its channelNote, null.
    ['read through a writer-to-reader resolver', 1, () => decode(loanEvent.type, Buffer.concat([hostile, Buffer.from([0x00])]), loanEvent.type.createResolver(newerWriter))],
  ])('refuses a loan event whose array declares 2^40 items, %s', (_how, trailing, run) => {
    const error = failureOf(run);
    expect(error).toBeInstanceOf(AvroDeclaredSizeError);
    expect(error).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      disposition: 'dead-letter',
      message: `cannot decode a test value: array block at byte ${arrayAt} declares 1099511627776 items but the ${valid.length - arrayAt - 1 + trailing} bytes left cannot hold them (1 per item at least)`,
    });
  });

  it('refuses a consent event whose bureaus array declares 10^8 items', () => {
    const consentEvent = catalog.latest('consent-event');
    const consent = aConsentEvent();
    const body = consentEvent.type.toBuffer(consent);
    const at = fieldOffset(consentEvent.type, consent, 'bureaus');
    // bureaus holds at least one enum (1 byte each): count, items, then the 0 that ends the array.
    const itemsEnd = at + avroLong(consent.bureaus.length).length + consent.bureaus.length + 1;
    const flooded = splice(body, at, itemsEnd - at, avroLong(100_000_000));
    const error = failureOf(() => decode(consentEvent.type, flooded));
    expect(error).toBeInstanceOf(AvroDeclaredSizeError);
    expect((error as Error).message).toContain(`array block at byte ${at} declares 100000000 items but the ${body.length - itemsEnd} bytes left cannot hold them`);
  });

  it('names a string length beyond the message in a real event, and a negative one', () => {
    const statementEvent = aStatementClosedLoanEvent();
    const body = loanEvent.type.toBuffer(statementEvent);
    const at = fieldOffset(loanEvent.type, statementEvent, 'borrower.fullName');
    const long = splice(body, at, 1, avroLong(10_000_000));
    expect(failureOf(() => decode(filterReader, long, filterReader.createResolver(loanEvent.type)))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: expect.stringContaining(`string length 10000000 at byte ${at} exceeds the ${long.length - at - avroLong(10_000_000).length} bytes left`),
    });
    const negative = splice(body, at, 1, avroLong(-3));
    expect(failureOf(() => decode(loanEvent.type, negative))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: `cannot decode a test value: string length -3 at byte ${at} is negative`,
    });
  });
});

describe('bounded decoding: arrays, maps, strings and bytes', () => {
  const ints = schema([{ name: 'values', type: { type: 'array', items: 'int' } }, { name: 'kept', type: 'int' }]);
  const keptOnly = schema([{ name: 'kept', type: 'int' }]);
  const skipInts = (body: number[]) => decode(keptOnly, Buffer.from(body), keptOnly.createResolver(ints));

  it('reads and skips well-formed blocks, including blocks written with their byte size', () => {
    // [1, 2] in one block; then [1] as count -1 with its 1-byte size, [2] as count 1; then kept = 5.
    expect(decode(ints, Buffer.from([0x04, 0x02, 0x04, 0x00, 0x0a]))).toEqual({ values: [1, 2], kept: 5 });
    expect(decode(ints, Buffer.from([0x01, 0x02, 0x02, 0x02, 0x04, 0x00, 0x0a]))).toEqual({ values: [1, 2], kept: 5 });
    expect(skipInts([0x01, 0x02, 0x02, 0x02, 0x04, 0x00, 0x0a])).toEqual({ kept: 5 });
  });

  it.each([
    ['read', (body: number[]) => decode(ints, Buffer.from(body))],
    ['skipped', skipInts],
  ])('refuses a negative block size when %s, instead of moving backwards', (_how, run) => {
    // Count -1, size -2 (zig-zag 0x03): the position would go back 2 bytes and loop.
    expect(failureOf(() => run([0x01, 0x03, 0x00, 0x00, 0x0a]))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: 'cannot decode a test value: array block at byte 0 declares a negative size of -2 bytes',
    });
  });

  it.each([
    ['read', (body: number[]) => decode(ints, Buffer.from(body))],
    ['skipped', skipInts],
  ])('refuses a block size beyond the message when %s', (_how, run) => {
    expect(failureOf(() => run([0x01, 0x14, 0x02, 0x00, 0x0a]))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: 'cannot decode a test value: array block at byte 0 declares 10 bytes but 3 are left',
    });
  });

  it('refuses a block whose items do not take the size it declares, so reading and skipping agree', () => {
    // One int (1 byte) declared as a 2-byte block: skipping would land inside the next field.
    expect(failureOf(() => decode(ints, Buffer.from([0x01, 0x04, 0x02, 0x00, 0x0a, 0x00])))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: 'cannot decode a test value: array block at byte 0 declares 2 bytes but its items take 1',
    });
  });

  it('counts each item at its smallest encoding: 3 doubles need 24 bytes, 16 are left', () => {
    const doubles = schema([{ name: 'values', type: { type: 'array', items: 'double' } }]);
    const body = Buffer.concat([avroLong(3), Buffer.alloc(16), Buffer.from([0x00])]).subarray(0, 17);
    expect(failureOf(() => decode(doubles, body))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: 'cannot decode a test value: array block at byte 0 declares 3 items but the 16 bytes left cannot hold them (8 per item at least)',
    });
  });

  describe('maps', () => {
    const tags = schema([{ name: 'tags', type: { type: 'map', values: 'string' } }, { name: 'kept', type: 'int' }]);
    const skipTags = (body: Buffer) => decode(keptOnly, body, keptOnly.createResolver(tags));

    it('reads and skips well-formed maps, a block written with its byte size included', () => {
      // One entry a -> b as count -1 with its 4-byte size, then the end of the map, then kept = 5.
      const body = Buffer.from([0x01, 0x08, 0x02, 0x61, 0x02, 0x62, 0x00, 0x0a]);
      expect(decode(tags, body)).toEqual({ tags: { a: 'b' }, kept: 5 });
      expect(skipTags(body)).toEqual({ kept: 5 });
    });

    it.each([
      ['read', (body: Buffer) => decode(tags, body)],
      ['skipped', skipTags],
    ])('refuses 2^40 entries, a negative size, and more entries than 2 bytes each can fill, when %s', (_how, run) => {
      expect(failureOf(() => run(Buffer.concat([avroLong(TWO_TO_40), Buffer.from([0x00, 0x0a])])))).toMatchObject({
        code: 'AVRO_DECLARED_SIZE_INVALID',
        message: 'cannot decode a test value: map block at byte 0 declares 1099511627776 items but the 2 bytes left cannot hold them (2 per item at least)',
      });
      expect(failureOf(() => run(Buffer.from([0x01, 0x03, 0x00, 0x0a])))).toMatchObject({
        message: 'cannot decode a test value: map block at byte 0 declares a negative size of -2 bytes',
      });
      // 3 entries need 6 bytes (an empty key and an empty value each); 5 follow the count.
      expect(failureOf(() => run(Buffer.from([0x06, 0x00, 0x00, 0x00, 0x00, 0x0a])))).toMatchObject({
        message: 'cannot decode a test value: map block at byte 0 declares 3 items but the 5 bytes left cannot hold them (2 per item at least)',
      });
    });
  });

  it('refuses a nested array declaring 2^40 items inside a well-formed outer one', () => {
    const nested = schema([{ name: 'rows', type: { type: 'array', items: { type: 'array', items: 'long' } } }]);
    const body = Buffer.concat([avroLong(1), avroLong(TWO_TO_40), Buffer.from([0x02, 0x00, 0x00])]);
    expect(failureOf(() => decode(nested, body))).toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: 'cannot decode a test value: array block at byte 1 declares 1099511627776 items but the 3 bytes left cannot hold them (1 per item at least)',
    });
  });

  it.each([
    ['string', 'string', 'string'],
    ['bytes', 'bytes', 'bytes'],
    ['uuid', { type: 'string', logicalType: 'uuid' }, 'string'],
    ['decimal', { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 2 }, 'bytes'],
  ])('refuses a negative %s length and one beyond the message, read or skipped', (_name, type, encoding) => {
    const probe = schema([{ name: 'value', type }, { name: 'kept', type: 'int' }]);
    const read = (body: Buffer) => decode(probe, body);
    const skip = (body: Buffer) => decode(keptOnly, body, keptOnly.createResolver(probe));
    for (const run of [read, skip]) {
      expect(failureOf(() => run(Buffer.from([0x05, 0x61, 0x0a])))).toMatchObject({
        code: 'AVRO_DECLARED_SIZE_INVALID',
        message: `cannot decode a test value: ${encoding} length -3 at byte 0 is negative`,
      });
      expect(failureOf(() => run(Buffer.concat([avroLong(2n ** 50n), Buffer.from([0x61, 0x0a])])))).toMatchObject({
        code: 'AVRO_DECLARED_SIZE_INVALID',
        message: `cannot decode a test value: ${encoding} length 1125899906842624 at byte 0 exceeds the 2 bytes left`,
      });
    }
  });

  it('refuses a union index no branch has when skipping, as when reading', () => {
    const optional = schema([{ name: 'note', type: ['null', 'string'] }, { name: 'kept', type: 'int' }]);
    const body = Buffer.from([0x0e, 0x0a]); // branch 7 of 2
    expect(failureOf(() => decode(optional, body))).toMatchObject({ code: 'AVRO_DECODE_FAILED', message: 'cannot decode a test value: invalid union index: 7' });
    expect(failureOf(() => decode(keptOnly, body, keptOnly.createResolver(optional)))).toMatchObject({
      code: 'AVRO_DECODE_FAILED',
      message: 'cannot decode a test value: invalid union index: 7',
    });
  });

  it('reports a message cut short as truncated, not as what a logical type made of the missing bytes', () => {
    const money = schema([{ name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 2 } }]);
    expect(failureOf(() => decode(money, Buffer.alloc(0)))).toMatchObject({ code: 'AVRO_DECODE_FAILED', message: 'cannot decode a test value: truncated buffer' });
  });
});

describe('bounded decoding: the item budget', () => {
  const nulls = schema([{ name: 'values', type: { type: 'array', items: 'null' } }]);
  const empties = schema([{ name: 'values', type: { type: 'array', items: { type: 'record', name: 'Empty', fields: [] } } }]);

  it('decodes items that take no bytes up to the limit', () => {
    expect(decode(nulls, Buffer.concat([avroLong(5), Buffer.from([0x00])]), undefined, { maxCollectionItems: 5 })).toEqual({ values: [null, null, null, null, null] });
  });

  it.each([
    ['nulls', nulls],
    ['empty records', empties],
  ])('refuses %s over the limit, read or skipped', (_name, type) => {
    const body = Buffer.concat([avroLong(6), Buffer.from([0x00])]);
    const keptNothing = schema([]);
    for (const run of [() => decode(type, body, undefined, { maxCollectionItems: 5 }), () => decode(keptNothing, body, keptNothing.createResolver(type), { maxCollectionItems: 5 })]) {
      const error = failureOf(run);
      expect(error).toBeInstanceOf(AvroItemLimitError);
      expect(error).toMatchObject({
        code: 'AVRO_ITEM_LIMIT_EXCEEDED',
        disposition: 'dead-letter',
        message: 'cannot decode a test value: array block at byte 0 declares 6 items, over the limit of 5 array items and map entries per value (AVRO_MAX_COLLECTION_ITEMS)',
      });
    }
  });

  it('refuses 10^12 nulls under the default limit without iterating them', () => {
    expect(failureOf(() => decode(nulls, Buffer.concat([avroLong(10n ** 12n), Buffer.from([0x00])])))).toBeInstanceOf(AvroItemLimitError);
  });

  it('counts the items of every block and every nested collection of one value against one budget', () => {
    // Three inner arrays of 400,000 nulls: each fits alone, the third one passes 1,000,000.
    const nested = schema([{ name: 'rows', type: { type: 'array', items: { type: 'array', items: 'null' } } }]);
    const inner = Buffer.concat([avroLong(400_000), Buffer.from([0x00])]);
    const body = Buffer.concat([avroLong(3), inner, inner, inner, Buffer.from([0x00])]);
    expect(failureOf(() => decode(nested, body, undefined, { maxCollectionItems: 1_000_000 }))).toMatchObject({
      code: 'AVRO_ITEM_LIMIT_EXCEEDED',
      message: `cannot decode a test value: array block at byte ${1 + 2 * inner.length} declares 400000 items, over the limit of 1000000 array items and map entries per value (AVRO_MAX_COLLECTION_ITEMS)`,
    });
    // Blocks of one array too: two blocks of 3 nulls against a limit of 5.
    const blocks = Buffer.concat([avroLong(3), avroLong(3), Buffer.from([0x00])]);
    expect(failureOf(() => decode(nulls, blocks, undefined, { maxCollectionItems: 5 }))).toBeInstanceOf(AvroItemLimitError);
  });

  it('gives every decode a fresh budget', () => {
    const body = Buffer.concat([avroLong(5), Buffer.from([0x00])]);
    for (let i = 0; i < 3; i++) expect(decode(nulls, body, undefined, { maxCollectionItems: 5 })).toEqual({ values: [null, null, null, null, null] });
  });
});

describe('bounded decoding: configuration and installation', () => {
  it('defaults AVRO_MAX_COLLECTION_ITEMS to 1,000,000 and reads it from the environment', () => {
    expect(decodeLimitsFromEnv({})).toEqual({ maxCollectionItems: 1_000_000 });
    expect(decodeLimitsFromEnv({ AVRO_MAX_COLLECTION_ITEMS: '2500' })).toEqual({ maxCollectionItems: 2500 });
  });

  it.each(['0', '-1', 'many', '1.5', '100000001'])('names AVRO_MAX_COLLECTION_ITEMS when it is %s', (value) => {
    const error = failureOf(() => decodeLimitsFromEnv({ AVRO_MAX_COLLECTION_ITEMS: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('AVRO_MAX_COLLECTION_ITEMS: must be an integer between 1 and 100000000');
  });

  it('finds the installed avsc patched (patches/avsc+5.7.9.patch)', () => {
    expect(() => assertBoundedAvroDecoding()).not.toThrow();
  });

  it('refuses to run on avsc without the patch, as an install that skipped scripts leaves it', () => {
    const unpatched = mkdtempSync(path.join(tmpdir(), 'avsc-unpatched-'));
    try {
      cpSync(path.dirname(require.resolve('avsc/package.json')), unpatched, { recursive: true });
      execFileSync('git', ['apply', '--reverse', '-p3', path.resolve(__dirname, '../../../../patches/avsc+5.7.9.patch')], { cwd: unpatched });
      jest.isolateModules(() => {
        jest.doMock('avsc', () => jest.requireActual(unpatched));
        const isolated = jest.requireActual<typeof import('./bounded-decoding')>('./bounded-decoding');
        expect(() => isolated.assertBoundedAvroDecoding()).toThrow(
          'the installed avsc does not bound declared sizes: install dependencies with their scripts (npm ci applies patches/avsc+5.7.9.patch; see patches/README.md)',
        );
      });
    } finally {
      rmSync(unpatched, { recursive: true, force: true });
    }
  });
});

describe('bounded decoding: hostile bytes are refused before anything else fails', () => {
  it('fails with the typed errors, never an unrelated exception, on a real event read every way', () => {
    const loanEvent = catalog.latest('loan-event');
    const body = loanEvent.type.toBuffer(aStatementClosedLoanEvent());
    for (let cut = 0; cut < body.length; cut++) {
      const error = failureOf(() => decode(loanEvent.type, body.subarray(0, cut)));
      expect([AvroDeclaredSizeError, AvroDecodeError].some((type) => error instanceof type)).toBe(true);
    }
  });
});

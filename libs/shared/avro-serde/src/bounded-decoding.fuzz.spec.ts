import fc from 'fast-check';
import type { Type } from 'avsc';
import { SchemaCatalog, parseAvroSchema, projectSchema, type SchemaName } from '@furnish/shared-contracts';
import {
  aConsentEvent,
  aConsentedLoanEvent,
  aLoanEvent,
  aMinimisedBaihangRecord,
  aMinimisedMetro2Record,
  aMinimisedPbocCrcRecord,
  anOutboundRecord,
  aStatementClosedLoanEvent,
} from '@furnish/shared-contracts/testing';
import { decodeAvroBody } from './bounded-decoding';
import { AvroDeclaredSizeError, AvroDecodeError, AvroItemLimitError } from './errors';
import { avroLong, splice } from './testing/avro-body';

/**
 * Random bytes and mutations of valid encodings of every schema in schemas/, read whole, through a
 * resolver and through a projection that skips most fields: each either decodes or fails with one
 * of the serde's decode errors. Decoding is synchronous: with avsc unpatched, a mutation declaring
 * 2^40 items hangs this run and one declaring 10^8 crashes its worker out of heap.
 */

const catalog = SchemaCatalog.load();

const SAMPLES: Record<SchemaName, () => unknown[]> = {
  'loan-event': () => [aLoanEvent(), aStatementClosedLoanEvent()],
  'consent-event': () => [aConsentEvent()],
  'consented-loan-event': () => [aConsentedLoanEvent()],
  'minimised-pboc-crc-record': () => [aMinimisedPbocCrcRecord()],
  'minimised-baihang-record': () => [aMinimisedBaihangRecord()],
  'minimised-metro2-record': () => [aMinimisedMetro2Record()],
  'outbound-record': () => [anOutboundRecord()],
};

/** A reader that keeps one field: every other field, arrays included, is skipped by size or item by item. */
function firstFieldProjection(type: Type, json: Parameters<typeof projectSchema>[0]): { reader: Type; resolver: unknown } {
  const reader = parseAvroSchema(projectSchema(json, [json.fields![0].name]));
  return { reader, resolver: reader.createResolver(type) };
}

/** Sizes a hostile writer would declare: huge, negative, just past a boundary. */
const aHostileLong = fc.oneof(
  fc.constantFrom(2n ** 40n, -(2n ** 40n), 10n ** 8n, -1n, -2n, 2n ** 31n, 2n ** 32n, 2n ** 53n, -(2n ** 52n), 2n ** 63n - 1n, 0n),
  fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }),
);

/** A valid encoding changed the ways corrupt or hostile messages differ from valid ones. */
const aMutation = (valid: Buffer) =>
  fc.oneof(
    fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => splice(valid, at, 1, Buffer.from([byte]))),
    fc.tuple(fc.nat(valid.length - 1), aHostileLong).map(([at, long]) => splice(valid, at, 1, avroLong(long))),
    fc.tuple(fc.nat(valid.length), aHostileLong).map(([at, long]) => splice(valid, at, 0, avroLong(long))),
    fc.tuple(fc.nat(valid.length), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, bytes]) => splice(valid, at, 0, Buffer.from(bytes))),
    fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 32 })).map(([at, length]) => splice(valid, at, length, Buffer.alloc(0))),
    fc.nat(valid.length - 1).map((length) => valid.subarray(0, length)),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  );

const isDecodeError = (error: unknown) => error instanceof AvroDeclaredSizeError || error instanceof AvroItemLimitError || error instanceof AvroDecodeError;

describe.each(catalog.all().map((version) => [`${version.name}.v${version.version}`, version] as const))('bounded decoding of %s', (_name, version) => {
  const readers = [
    { how: 'whole', reader: version.type, resolver: undefined as unknown },
    { how: 'through a resolver', reader: version.type, resolver: version.type.createResolver(parseAvroSchema(version.schema)) },
    { how: 'through a projection', ...firstFieldProjection(version.type, version.json) },
  ];
  const valids = SAMPLES[version.name]().map((value) => version.type.toBuffer(value));

  it('decodes the valid samples every way', () => {
    for (const valid of valids) for (const { reader, resolver } of readers) expect(() => decodeAvroBody(reader, valid, resolver, { maxCollectionItems: 1000 }, () => 'a sample')).not.toThrow();
  });

  it.each(readers.map((reader) => [reader.how, reader] as const))('decodes or fails with a decode error, read %s', (_how, { reader, resolver }) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valids).chain(aMutation),
        fc.constantFrom(10, 1000, 1_000_000),
        (body, maxCollectionItems) => {
          try {
            decodeAvroBody(reader, body, resolver, { maxCollectionItems }, () => 'a mutated value');
          } catch (error) {
            if (!isDecodeError(error)) throw error;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

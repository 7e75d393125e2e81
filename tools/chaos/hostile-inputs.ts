import { randomBytes } from 'node:crypto';
import { Type } from 'avsc';
import { SchemaCatalog, TOPICS } from '@furnish/shared-contracts';
import { aConsentEvent, aLoanEvent } from '@furnish/shared-contracts/testing';
import { SeededRandom } from '@furnish/lending-synthetic';
import type { AvroSerde } from '@furnish/shared-avro-serde';
import type { HostileExpectation } from './chaos-accounting';

/** One message a misbehaving upstream could publish, with where it must end up and why. */
export interface HostileInput extends HostileExpectation {
  readonly topic: string;
  readonly value: Buffer | null;
}

type InputTopic = typeof TOPICS.loanEvents | typeof TOPICS.consentEvents;

interface HostileKind {
  readonly name: string;
  readonly topics: readonly InputTopic[];
  /** The reasons docs/event-contract.md gives such a message. */
  readonly codes: readonly string[];
  make(context: KindContext): Buffer | null;
}

interface KindContext {
  readonly topic: InputTopic;
  /** The input's own key. */
  readonly key: string;
  readonly random: SeededRandom;
  /** A valid message of the topic, Confluent framed, written with its registered schema. */
  readonly valid: Buffer;
  /** The same, for the other input topic (a message with the wrong schema). */
  readonly otherValid: Buffer;
  /** Encodes a plain (logical types not applied) value with the topic's registered schema id. */
  plain(change: (value: Record<string, unknown>) => void): Buffer;
  /** A message identical to `valid` except for the item count of one array, written as `count`. */
  withArrayCount(count: Buffer): Buffer;
}

const HEADER_BYTES = 5;
const DLQ_OF: Record<InputTopic, string> = {
  [TOPICS.loanEvents]: TOPICS.deadLetter['consent-filter'],
  [TOPICS.consentEvents]: TOPICS.deadLetter['consent-ledger'],
};

/** The Avro encoding of a long: zig-zag, then 7 bits a byte, low bits first (Avro spec). */
export function avroLong(value: bigint): Buffer {
  let zigzag = value >= 0n ? value << 1n : (-value << 1n) - 1n;
  const bytes: number[] = [];
  for (; zigzag >= 0x80n; zigzag >>= 7n) bytes.push(Number(zigzag & 0x7fn) | 0x80);
  return Buffer.from([...bytes, Number(zigzag)]);
}

const BOTH: readonly InputTopic[] = [TOPICS.loanEvents, TOPICS.consentEvents];
const DECLARED_SIZE = ['AVRO_DECLARED_SIZE_INVALID', 'AVRO_ITEM_LIMIT_EXCEEDED'];

/** The kinds issue 10 lists, each with the reasons the event contract gives it. */
export const HOSTILE_KINDS: readonly HostileKind[] = [
  {
    name: 'random-bytes',
    topics: BOTH,
    codes: ['WIRE_FORMAT_INVALID'],
    make: ({ random }) => {
      const bytes = randomBytes(random.int(1, 3000));
      bytes[0] = random.int(1, 255); // not the Confluent magic byte
      return bytes;
    },
  },
  { name: 'empty-value', topics: BOTH, codes: ['WIRE_FORMAT_INVALID'], make: () => Buffer.alloc(0) },
  { name: 'null-value', topics: BOTH, codes: ['WIRE_FORMAT_INVALID'], make: () => null },
  {
    name: 'wrong-magic-byte',
    topics: BOTH,
    codes: ['WIRE_FORMAT_INVALID'],
    make: ({ valid, random }) => Buffer.concat([Buffer.from([random.int(1, 255)]), valid.subarray(1)]),
  },
  {
    name: 'unknown-schema-id',
    topics: BOTH,
    codes: ['SCHEMA_UNKNOWN_ID'],
    make: ({ valid, random }) => {
      const message = Buffer.from(valid);
      message.writeUInt32BE(0x7f000000 + random.int(0, 0xffffff), 1);
      return message;
    },
  },
  {
    name: 'truncated-avro',
    topics: BOTH,
    codes: ['AVRO_DECODE_FAILED', 'AVRO_DECLARED_SIZE_INVALID'],
    make: ({ valid, random }) => valid.subarray(0, random.int(HEADER_BYTES + 1, valid.length - 1)),
  },
  {
    name: 'wrong-schema',
    topics: BOTH,
    codes: ['AVRO_DECODE_FAILED'],
    make: ({ otherValid }) => otherValid,
  },
  {
    name: 'invalid-logical-value',
    topics: BOTH,
    codes: ['AVRO_DECODE_FAILED'],
    make: ({ topic, plain, random }) =>
      plain((value) => {
        // Milliseconds beyond what a date can hold (±8.64e15), or a uuid that is not one.
        if (topic === TOPICS.consentEvents || random.chance(0.5)) value[topic === TOPICS.consentEvents ? 'effectiveAt' : 'occurredAt'] = 9e15 + random.int(0, 1e6);
        else value['eventId'] = `not-a-uuid-${random.int(0, 1e9)}`;
      }),
  },
  {
    name: 'huge-string',
    topics: BOTH,
    // A 200 KB event id is not a uuid; a 200 KB consent id is longer than the contract allows.
    codes: ['AVRO_DECODE_FAILED', 'EVENT_INVALID', 'RECORD_UNSTORABLE'],
    make: ({ topic, key, plain, random }) =>
      plain((value) => {
        const huge = 'x'.repeat(random.int(100_000, 200_000));
        if (topic === TOPICS.loanEvents) value['eventId'] = huge;
        else Object.assign(value, { consentId: huge, borrowerId: key }); // its key matches: only the size is wrong
      }),
  },
  {
    name: 'array-declaring-millions',
    topics: BOTH,
    codes: DECLARED_SIZE,
    make: ({ withArrayCount, random }) => withArrayCount(avroLong(BigInt(random.int(1_000_000, 2_000_000_000)))),
  },
  {
    name: 'negative-block-size',
    topics: BOTH,
    codes: DECLARED_SIZE,
    // A negative count announces a block byte size next; that size is negative too.
    make: ({ withArrayCount, random }) => withArrayCount(Buffer.concat([avroLong(-BigInt(random.int(1, 1000))), avroLong(-BigInt(random.int(1, 1_000_000)))])),
  },
  {
    name: 'key-not-matching-body',
    topics: BOTH,
    // The key is the hostile input's own; the body names another account or borrower.
    codes: ['KEY_MISMATCH', 'EVENT_INVALID'],
    make: ({ valid }) => valid,
  },
];

/**
 * Valid messages of each input topic, encoded through the registry, and two encodings that
 * differ only in one array's length: where that array's item count is written.
 */
async function templates(serde: AvroSerde) {
  const catalog = SchemaCatalog.load();
  const loan = aLoanEvent({ account: { scheduledDueDates: [] } });
  const loanWithOne = { ...loan, account: { ...loan.account, scheduledDueDates: [loan.account.openedOn] } };
  const consent = aConsentEvent({ bureaus: ['PBOC_CRC'] });
  const consentOther = aConsentEvent({ bureaus: ['BAIHANG'] });
  const [loanBytes, loanOneBytes, consentBytes, consentOtherBytes] = await Promise.all([
    serde.encode(TOPICS.loanEvents, loan),
    serde.encode(TOPICS.loanEvents, loanWithOne),
    serde.encode(TOPICS.consentEvents, consent),
    serde.encode(TOPICS.consentEvents, consentOther),
  ]);
  const firstDifference = (a: Buffer, b: Buffer) => {
    let at = 0;
    while (a[at] === b[at]) at++;
    return at;
  };
  // Empty array: its count is the 0 byte where the one-item encoding writes 1. One-item array: the count
  // is the byte before the first difference (the enum index), and the array ends with a 0 after the index.
  const loanCountAt = firstDifference(loanBytes, loanOneBytes);
  const consentCountAt = firstDifference(consentBytes, consentOtherBytes) - 1;
  const plainTypes = {
    [TOPICS.loanEvents]: Type.forSchema(JSON.parse(catalog.schemaForTopic(TOPICS.loanEvents).schema)),
    [TOPICS.consentEvents]: Type.forSchema(JSON.parse(catalog.schemaForTopic(TOPICS.consentEvents).schema)),
  };
  return {
    [TOPICS.loanEvents]: {
      valid: loanBytes,
      otherValid: consentBytes,
      plainType: plainTypes[TOPICS.loanEvents],
      withArrayCount: (count: Buffer) => Buffer.concat([loanBytes.subarray(0, loanCountAt), count, loanBytes.subarray(loanCountAt + 1)]),
    },
    [TOPICS.consentEvents]: {
      valid: consentBytes,
      otherValid: loanBytes,
      plainType: plainTypes[TOPICS.consentEvents],
      withArrayCount: (count: Buffer) => Buffer.concat([consentBytes.subarray(0, consentCountAt), count, consentBytes.subarray(consentCountAt + 3)]),
    },
  } as const;
}

/**
 * `count` hostile inputs, the kinds in turn over both input topics, each under a key no one else
 * uses (`<tag>-<n>`) so its dead letter can be found. Deterministic for a seed, except the bytes
 * of random-bytes inputs.
 */
export async function hostileInputs(serde: AvroSerde, count: number, tag: string, seed: string): Promise<HostileInput[]> {
  const bases = await templates(serde);
  const random = SeededRandom.of(seed, 'hostile');
  const pairs = HOSTILE_KINDS.flatMap((kind) => kind.topics.map((topic) => ({ kind, topic })));
  return Array.from({ length: count }, (_, n) => {
    const { kind, topic } = pairs[n % pairs.length];
    const base = bases[topic];
    const key = `${tag}-${n}`;
    const context: KindContext = {
      topic,
      key,
      random,
      valid: base.valid,
      otherValid: base.otherValid,
      withArrayCount: base.withArrayCount,
      plain: (change) => {
        const value = base.plainType.fromBuffer(base.valid.subarray(HEADER_BYTES)) as Record<string, unknown>;
        change(value);
        return Buffer.concat([base.valid.subarray(0, HEADER_BYTES), base.plainType.toBuffer(value)]);
      },
    };
    return { key, kind: kind.name, topic, value: kind.make(context), deadLetterTopic: DLQ_OF[topic], allowedCodes: kind.codes };
  });
}

import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { FurnishError } from '@furnish/shared-util-errors';
import { ConfigError } from '@furnish/shared-util-config';
import { deadLetterMessage } from './dead-letter';
import { deadLetterKeyRef, decodeOriginal, encodeOriginal, openDeadLetter, sealDeadLetter, sealedKeyId, type DeadLetterContext, type OriginalMessage } from './dead-letter-envelope';
import { DEVELOPMENT_DEAD_LETTER_KEYS, deadLetterKeyRingOf, parseDeadLetterKeys } from './dead-letter-keys';
import { DEAD_LETTER_HEADERS, HEADERS } from './headers';
import { recordBytes, RECORD_BATCH_OVERHEAD_BYTES } from './record-size';

const OLD = Buffer.alloc(32, 1).toString('base64');
const NEW = Buffer.alloc(32, 2).toString('base64');
const ring = parseDeadLetterKeys(`2026-11:${OLD}\n# rotated in December\n2026-12:${NEW}\n`, '2026-12');
const oldOnly = parseDeadLetterKeys(`2026-11:${OLD}`);

/** A loan event's value carrying canary PII (a resident id number and a name), framed with schema id 7. */
const CANARY_ID = '11010519491231002X';
const CANARY_NAME = 'Canary Zhang';
const value = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from(`${CANARY_ID}|${CANARY_NAME}`)]);
const input = (overrides: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({ key: Buffer.from('ACC-CANARY-1'), value, offset: '42', timestamp: '1765000000000', headers: { 'upstream-trace': Buffer.from(CANARY_NAME), empty: null }, attributes: 0, ...overrides }) as unknown as KafkaMessage;
const source = (message = input()) => ({ topic: 'lending.loan-events.v1', partition: 3, message });
const context: DeadLetterContext = { stage: 'consent-filter', sourceTopic: 'lending.loan-events.v1', sourcePartition: 3, sourceOffset: '42' };
const failure = new FurnishError('KEY_MISMATCH', 'record key must be account.accountId', 'dead-letter');

describe('deadLetterMessage', () => {
  it('carries no byte of the original key, value or headers in the clear, and only the allowed headers', () => {
    const dead = deadLetterMessage('consent-filter', source(), failure, ring);
    const everything = Buffer.concat([Buffer.from(String(dead.key)), dead.value as Buffer, Buffer.from(JSON.stringify(dead.headers))]);
    for (const canary of [CANARY_ID, CANARY_NAME, 'ACC-CANARY-1']) expect(everything.includes(Buffer.from(canary))).toBe(false);
    expect(Object.keys(dead.headers!).sort()).toEqual(
      [HEADERS.stage, HEADERS.errorCode, HEADERS.errorMessage, HEADERS.sourceTopic, HEADERS.sourcePartition, HEADERS.sourceOffset, HEADERS.sourceTimestamp, HEADERS.sourceSchemaId].sort(),
    );
    expect(Object.keys(dead.headers!).every((name) => DEAD_LETTER_HEADERS.includes(name))).toBe(true);
    // The value's Confluent framing names schema id 7 (bytes 1–4, big-endian).
    expect(dead.headers).toMatchObject({ [HEADERS.sourceSchemaId]: '7', [HEADERS.sourcePartition]: '3', [HEADERS.sourceOffset]: '42', [HEADERS.errorCode]: 'KEY_MISMATCH' });
  });

  it('opens, with the key ring, to the original key, value and headers (null ones too), in order', () => {
    const dead = deadLetterMessage('consent-filter', source(), failure, ring);
    expect(decodeOriginal(openDeadLetter(ring, context, dead.value as Buffer))).toEqual({
      key: Buffer.from('ACC-CANARY-1'),
      value,
      headers: [
        ['upstream-trace', Buffer.from(CANARY_NAME)],
        ['empty', null],
      ],
    });
  });

  it('is keyed by a keyed hash of the source key, the same for one source key, absent for a null key', () => {
    const a = deadLetterMessage('consent-filter', source(), failure, ring);
    const b = deadLetterMessage('consent-filter', source(input({ offset: '43' })), failure, ring);
    expect(a.key).toMatch(/^[0-9a-f]{32}$/);
    expect(a.key).toBe(b.key);
    expect(a.key).toBe(deadLetterKeyRef(ring.current, Buffer.from('ACC-CANARY-1')));
    expect(deadLetterKeyRef(oldOnly.current, Buffer.from('ACC-CANARY-1'))).not.toBe(a.key);
    expect(deadLetterMessage('consent-filter', source(input({ key: null })), failure, ring).key).toBeNull();
  });

  it('leaves the value out when the sealed dead letter would not fit the DLQ, counting the envelope', () => {
    const sealed = deadLetterMessage('consent-filter', source(), failure, ring);
    const needed = recordBytes(sealed) + RECORD_BATCH_OVERHEAD_BYTES;
    // Exactly the limit the sealed dead letter needs: it fits. One byte less: only what was left out is said.
    expect(deadLetterMessage('consent-filter', source(), failure, ring, needed).value).not.toBeNull();
    const omitted = deadLetterMessage('consent-filter', source(), failure, ring, needed - 1);
    expect(omitted.value).toBeNull();
    expect(omitted.headers![HEADERS.omitted]).toBe(`key=12,value=${value.length},headers=2`);
    // The unsealed original would have fitted that limit: the envelope's bytes are what tipped it.
    expect(recordBytes({ key: sealed.key, value: encodeOriginal({ key: Buffer.from('ACC-CANARY-1'), value, headers: [] }), headers: sealed.headers }) + RECORD_BATCH_OVERHEAD_BYTES).toBeLessThan(needed - 1);
  });

  it('names no schema id for a value without Confluent framing', () => {
    expect(deadLetterMessage('consent-filter', source(input({ value: Buffer.from('{"json":1}') })), failure, ring).headers).not.toHaveProperty(HEADERS.sourceSchemaId);
  });
});

describe('the dead-letter envelope', () => {
  it('round-trips any original message (property)', () => {
    const bytes = fc.option(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), { nil: null });
    fc.assert(
      fc.property(bytes, bytes, fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), bytes), { maxLength: 6 }), (key, val, headers) => {
        const original: OriginalMessage = { key, value: val, headers };
        const sealed = sealDeadLetter(ring.current, context, encodeOriginal(original));
        expect(decodeOriginal(openDeadLetter(ring, context, sealed))).toEqual(original);
      }),
    );
  });

  it('refuses to open for another stage or source position (bound as authenticated data)', () => {
    const sealed = sealDeadLetter(ring.current, context, encodeOriginal({ key: null, value, headers: [] }));
    for (const other of [{ ...context, sourceOffset: '43' }, { ...context, stage: 'minimiser' }, { ...context, sourceTopic: 'furnish.consented-loan-events.v1' }, { ...context, sourcePartition: 4 }]) {
      expect(() => openDeadLetter(ring, other, sealed)).toThrow(expect.objectContaining({ reason: 'tampered' }));
    }
  });

  it('refuses a value with one byte changed', () => {
    const sealed = sealDeadLetter(ring.current, context, encodeOriginal({ key: null, value, headers: [] }));
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => openDeadLetter(ring, context, altered)).toThrow(expect.objectContaining({ reason: 'tampered' }));
  });

  it('rotation: new dead letters use the current key, and a ring that kept the old key opens the old ones', () => {
    const before = sealDeadLetter(oldOnly.current, context, encodeOriginal({ key: null, value, headers: [] }));
    const after = deadLetterMessage('consent-filter', source(), failure, ring).value as Buffer;
    expect(sealedKeyId(before)).toBe('2026-11');
    expect(sealedKeyId(after)).toBe('2026-12');
    expect(decodeOriginal(openDeadLetter(ring, context, before)).value).toEqual(value);
    expect(() => openDeadLetter(oldOnly, context, after)).toThrow(expect.objectContaining({ reason: 'key-unknown', message: 'sealed under key 2026-12, which DLQ_KEK_FILE does not hold' }));
  });

  it('says a value is not sealed rather than guessing', () => {
    expect(() => openDeadLetter(ring, context, Buffer.from('not json'))).toThrow(expect.objectContaining({ reason: 'not-sealed' }));
    expect(() => openDeadLetter(ring, context, null)).toThrow(expect.objectContaining({ reason: 'not-sealed' }));
  });
});

describe('deadLetterKeyRingOf (DLQ_KEK_FILE, DLQ_KEK_CURRENT)', () => {
  const problems = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return [...(error as ConfigError).problems];
    }
    throw new Error('expected a ConfigError');
  };
  const file = (text: string) => () => text;

  it('uses the development ring only in local mode', () => {
    expect(deadLetterKeyRingOf({ FURNISH_ENV: 'local' }).current.id).toBe('local-development');
    expect(problems(() => deadLetterKeyRingOf({}))).toEqual(['DLQ_KEK_FILE: is not set; outside local mode (FURNISH_ENV=local) dead letters are sealed with a key from a secret']);
    expect(problems(() => deadLetterKeyRingOf({ DLQ_KEK_FILE: '/run/secrets/dlq', FURNISH_ENV: 'production' }, file(DEVELOPMENT_DEAD_LETTER_KEYS)))).toEqual([
      'DLQ_KEK_FILE: holds the development key, refused outside local mode (FURNISH_ENV=local); generate one (docs/operations.md)',
    ]);
  });

  it('reads a ring from the file, the current key named by DLQ_KEK_CURRENT', () => {
    const loaded = deadLetterKeyRingOf({ DLQ_KEK_FILE: '/run/secrets/dlq', DLQ_KEK_CURRENT: '2026-11' }, file(`2026-11:${OLD}\n2026-12:${NEW}\n`));
    expect(loaded.current.id).toBe('2026-11');
    expect(loaded.keys.map((k) => k.id)).toEqual(['2026-11', '2026-12']);
  });

  it.each([
    [`2026-11:${OLD}\n2026-12:${NEW}`, undefined, 'DLQ_KEK_CURRENT: must name the key new dead letters are sealed under when DLQ_KEK_FILE holds several'],
    [`2026-11:${OLD}`, '2027-01', 'DLQ_KEK_CURRENT: names 2027-01, which DLQ_KEK_FILE does not hold'],
    [`2026-11:${Buffer.alloc(16).toString('base64')}`, undefined, 'DLQ_KEK_FILE: key 2026-11 must be 32 bytes in base64'],
    [`just-a-key-${OLD}`, undefined, 'DLQ_KEK_FILE: line 1 must be <key-id>:<base64 key> with a key id of letters, digits, . _ - (at most 64)'],
    [`a:${OLD}\na:${NEW}`, 'a', 'DLQ_KEK_FILE: key id a appears twice'],
    ['# nothing yet\n', undefined, 'DLQ_KEK_FILE: holds no key'],
  ])('names the variable and never the key material (%#)', (text, current, problem) => {
    const found = problems(() => deadLetterKeyRingOf({ DLQ_KEK_FILE: '/run/secrets/dlq', DLQ_KEK_CURRENT: current }, file(text)));
    expect(found).toEqual([problem]);
    expect(found.join()).not.toContain(OLD);
    expect(found.join()).not.toContain(NEW);
  });

  it('names the file it cannot read', () => {
    expect(problems(() => deadLetterKeyRingOf({ DLQ_KEK_FILE: '/nonexistent/dlq-keys' }))).toEqual(['DLQ_KEK_FILE: cannot read the file /nonexistent/dlq-keys (ENOENT)']);
  });
});

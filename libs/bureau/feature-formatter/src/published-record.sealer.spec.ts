import { isFurnishError } from '@furnish/shared-util-errors';
import { DEVELOPMENT_DEAD_LETTER_KEYS } from '@furnish/shared-stage-runtime';
import { bureauFormatterConfigSchema } from './bureau-formatter.config';
import {
  DEVELOPMENT_PUBLISHED_RECORD_KEYS,
  PublishedRecordSealer,
  SealedRecordKeyUnknownError,
  SealedRecordUnreadableError,
  publishedRecordKeyRingOf,
} from './published-record.sealer';

const K1 = Buffer.alloc(32, 11).toString('base64');
const K2 = Buffer.alloc(32, 12).toString('base64');
const file = (text: string) => () => text;
const ringOf = (text: string, current?: string) => publishedRecordKeyRingOf({ FURNISHED_RECORD_KEK_FILE: '/run/secrets/furnished-record', FURNISHED_RECORD_KEK_CURRENT: current }, file(text));
const BASE = `0426${' '.repeat(227)}${'DOE'.padEnd(25)}JANE${' '.repeat(36)}123456789`.padEnd(426);

/** The ConfigError a call throws, by its problems. */
const refusedWith = (...problems: string[]) => expect.objectContaining({ name: 'ConfigError', problems });

describe('PublishedRecordSealer', () => {
  const sealer = new PublishedRecordSealer(ringOf(`r1:${K1}`));

  it('opens what it sealed for the same record id; the sealed bytes hold no identification', () => {
    const sealed = sealer.seal('rec-1', BASE);
    expect(sealed.keyId).toBe('r1');
    expect(sealer.open('rec-1', sealed)).toBe(BASE);
    for (const canary of ['DOE', 'JANE', '123456789']) expect(sealed.bytes.includes(Buffer.from(canary))).toBe(false);
  });

  it('a copy moved to another record, or altered: SealedRecordUnreadableError, dead-lettered, naming the record and no content', () => {
    const sealed = sealer.seal('rec-1', BASE);
    const moved = () => sealer.open('rec-2', sealed);
    expect(moved).toThrow(SealedRecordUnreadableError);
    expect(moved).toThrow(expect.objectContaining({ code: 'SEALED_RECORD_UNREADABLE', disposition: 'dead-letter' }));
    const altered = Buffer.from(sealed.bytes);
    altered[altered.length - 3] ^= 1;
    expect(() => sealer.open('rec-1', { ...sealed, bytes: altered })).toThrow(SealedRecordUnreadableError);
    try {
      moved();
    } catch (error) {
      expect((error as Error).message).toBe('the sealed copy of record rec-2 cannot be opened: the sealed value does not authenticate for this record id (altered, or copied from another row)');
    }
  });

  it('a key the ring no longer holds: SealedRecordKeyUnknownError, which halts (a deployment fault)', () => {
    const sealed = sealer.seal('rec-1', BASE);
    const rotatedTooEarly = new PublishedRecordSealer(ringOf(`r2:${K2}`));
    const open = () => rotatedTooEarly.open('rec-1', sealed);
    expect(open).toThrow(SealedRecordKeyUnknownError);
    expect(open).toThrow(expect.objectContaining({ code: 'SEALED_RECORD_KEY_UNKNOWN', disposition: 'halt', message: 'the sealed copy of record rec-1 cannot be opened: sealed under key r1, which FURNISHED_RECORD_KEK_FILE does not hold' }));
    expect(isFurnishError(new SealedRecordKeyUnknownError('x'))).toBe(true);
  });

  it('the wrong secret under the same key id does not open (dead-lettered, never a wrong plaintext)', () => {
    const sealed = sealer.seal('rec-1', BASE);
    expect(() => new PublishedRecordSealer(ringOf(`r1:${K2}`)).open('rec-1', sealed)).toThrow(SealedRecordUnreadableError);
  });

  it('rotation: new copies use the current key; a ring that kept the old one opens the old copies', () => {
    const before = sealer.seal('rec-1', BASE);
    const rotated = new PublishedRecordSealer(ringOf(`r1:${K1}\nr2:${K2}`, 'r2'));
    expect(rotated.seal('rec-3', BASE).keyId).toBe('r2');
    expect(rotated.open('rec-1', before)).toBe(BASE);
  });
});

describe('FURNISHED_RECORD_KEK_FILE, FURNISHED_RECORD_KEK_CURRENT', () => {
  it('are part of the formatter configuration', () => {
    const config = bureauFormatterConfigSchema.parse({ FURNISHED_RECORD_KEK_FILE: '/run/secrets/furnished-record/keys', FURNISHED_RECORD_KEK_CURRENT: 'r1' });
    expect(config).toMatchObject({ FURNISHED_RECORD_KEK_FILE: '/run/secrets/furnished-record/keys', FURNISHED_RECORD_KEK_CURRENT: 'r1' });
  });

  it('the development ring only in local mode, and never a file holding its key elsewhere', () => {
    expect(publishedRecordKeyRingOf({ FURNISH_ENV: 'local' }).current.id).toBe('local-development');
    expect(() => publishedRecordKeyRingOf({})).toThrow(
      refusedWith('FURNISHED_RECORD_KEK_FILE: is not set; outside local mode (FURNISH_ENV=local) published records kept for their deletion are sealed with a key from a secret'),
    );
    expect(() => publishedRecordKeyRingOf({ FURNISHED_RECORD_KEK_FILE: '/run/secrets/x', FURNISH_ENV: 'production' }, file(DEVELOPMENT_PUBLISHED_RECORD_KEYS))).toThrow(
      refusedWith('FURNISHED_RECORD_KEK_FILE: holds the development key, refused outside local mode (FURNISH_ENV=local); generate one (docs/operations.md)'),
    );
  });

  it('has a development key of its own, not the dead-letter one', () => {
    expect(DEVELOPMENT_PUBLISHED_RECORD_KEYS.split(':')[1]).not.toBe(DEVELOPMENT_DEAD_LETTER_KEYS.split(':')[1]);
  });

  it.each([
    [`r1:${K1}\nr2:${K2}`, undefined, 'FURNISHED_RECORD_KEK_CURRENT: must name the key new published records kept for their deletion are sealed under when FURNISHED_RECORD_KEK_FILE holds several'],
    [`r1:${K1}`, 'r9', 'FURNISHED_RECORD_KEK_CURRENT: names r9, which FURNISHED_RECORD_KEK_FILE does not hold'],
    [`r1:${Buffer.alloc(16).toString('base64')}`, undefined, 'FURNISHED_RECORD_KEK_FILE: key r1 must be 32 bytes in base64'],
  ])('names the variable, never the key material (%#)', (text, current, problem) => {
    expect(() => ringOf(text, current)).toThrow(refusedWith(problem));
  });

  it('names the file it cannot read', () => {
    expect(() => publishedRecordKeyRingOf({ FURNISHED_RECORD_KEK_FILE: '/nonexistent/furnished-record-keys' })).toThrow(
      refusedWith('FURNISHED_RECORD_KEK_FILE: cannot read the file /nonexistent/furnished-record-keys (ENOENT)'),
    );
  });
});

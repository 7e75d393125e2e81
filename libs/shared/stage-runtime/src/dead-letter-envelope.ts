import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import type { DeadLetterKey, DeadLetterKeyRing } from './dead-letter-keys';

/**
 * Envelope encryption of a dead letter's original message (key, value and headers), so whoever can
 * read a DLQ topic reads no borrower data. Each dead letter gets its own AES-256-GCM data key,
 * wrapped (AES-256-GCM) by the ring's current key-encryption key; both ciphertexts are bound to the
 * dead letter's stage and source position (additional authenticated data), so a sealed value moved
 * to another dead letter, or headers edited to re-drive it elsewhere, fail to open.
 *
 * Sealed value, version 1:
 *   "FDL1" | key-id length (1 byte) | key id (ASCII) | wrap IV (12) | wrapped data key (32) | wrap tag (16)
 *          | data IV (12) | data tag (16) | ciphertext of the original message (encodeOriginal)
 */
const MAGIC = Buffer.from('FDL1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const REF_INFO = 'furnish dead-letter key reference v1';

/** What a sealed dead letter is bound to: the headers that say where it came from. */
export interface DeadLetterContext {
  readonly stage: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
}

/** One header of the original message, in order; Kafka allows repeated names and null values. */
export type OriginalHeader = readonly [name: string, value: Buffer | null];

/** An input message as it was read: what a re-drive publishes again. */
export interface OriginalMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly OriginalHeader[];
}

export type DeadLetterUnreadableReason = 'not-sealed' | 'key-unknown' | 'tampered' | 'omitted';

/** A dead letter that cannot be opened: says why, never what it holds. */
export class DeadLetterUnreadableError extends Error {
  constructor(
    readonly reason: DeadLetterUnreadableReason,
    message: string,
  ) {
    super(message);
    this.name = 'DeadLetterUnreadableError';
  }
}

/** Bytes a sealed value takes for a plaintext of `plaintextBytes` under key `keyId`. */
export const sealedBytes = (keyId: string, plaintextBytes: number): number =>
  MAGIC.length + 1 + Buffer.byteLength(keyId, 'ascii') + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES + IV_BYTES + TAG_BYTES + plaintextBytes;

export function sealDeadLetter(key: DeadLetterKey, context: DeadLetterContext, plaintext: Buffer): Buffer {
  const aad = associatedData(context, key.id);
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const wrapIv = randomBytes(IV_BYTES);
  const wrap = createCipheriv('aes-256-gcm', key.secret, wrapIv).setAAD(aad);
  const wrapped = Buffer.concat([wrap.update(dataKey), wrap.final()]);
  const dataIv = randomBytes(IV_BYTES);
  const data = createCipheriv('aes-256-gcm', dataKey, dataIv).setAAD(aad);
  const ciphertext = Buffer.concat([data.update(plaintext), data.final()]);
  const keyId = Buffer.from(key.id, 'ascii');
  return Buffer.concat([MAGIC, Buffer.of(keyId.length), keyId, wrapIv, wrapped, wrap.getAuthTag(), dataIv, data.getAuthTag(), ciphertext]);
}

/** The id of the key a sealed value needs, read without opening it; undefined when it is not sealed. */
export function sealedKeyId(sealed: Buffer | null): string | undefined {
  if (sealed === null || sealed.length < MAGIC.length + 1 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const length = sealed[MAGIC.length];
  const end = MAGIC.length + 1 + length;
  return sealed.length < end ? undefined : sealed.subarray(MAGIC.length + 1, end).toString('ascii');
}

/** Opens a sealed value with the key it names; throws DeadLetterUnreadableError saying why it cannot. */
export function openDeadLetter(ring: DeadLetterKeyRing, context: DeadLetterContext, sealed: Buffer | null): Buffer {
  const keyId = sealedKeyId(sealed);
  if (sealed === null || keyId === undefined) throw new DeadLetterUnreadableError('not-sealed', 'the value is not a sealed dead letter (FDL1)');
  const key = ring.key(keyId);
  if (!key) throw new DeadLetterUnreadableError('key-unknown', `sealed under key ${keyId}, which DLQ_KEK_FILE does not hold`);
  let at = MAGIC.length + 1 + keyId.length;
  const take = (n: number) => {
    if (at + n > sealed.length) throw new DeadLetterUnreadableError('tampered', 'the sealed value is truncated');
    const part = sealed.subarray(at, at + n);
    at += n;
    return part;
  };
  const aad = associatedData(context, keyId);
  const wrapIv = take(IV_BYTES);
  const wrapped = take(DATA_KEY_BYTES);
  const wrapTag = take(TAG_BYTES);
  const dataIv = take(IV_BYTES);
  const dataTag = take(TAG_BYTES);
  const ciphertext = sealed.subarray(at);
  try {
    const unwrap = createDecipheriv('aes-256-gcm', key.secret, wrapIv).setAAD(aad).setAuthTag(wrapTag);
    const dataKey = Buffer.concat([unwrap.update(wrapped), unwrap.final()]);
    const data = createDecipheriv('aes-256-gcm', dataKey, dataIv).setAAD(aad).setAuthTag(dataTag);
    return Buffer.concat([data.update(ciphertext), data.final()]);
  } catch {
    throw new DeadLetterUnreadableError('tampered', 'the sealed value does not authenticate for this stage and source position (altered, or moved from another dead letter)');
  }
}

/**
 * The Kafka key of a dead letter: a keyed hash of the source key (an account or borrower id), so
 * one source key's dead letters share a partition and can be found by an operator holding the key
 * ring, while the topic reveals no id. Derived from the key-encryption key, so it changes with it.
 */
export function deadLetterKeyRef(key: DeadLetterKey, sourceKey: Buffer): string {
  const refKey = Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), REF_INFO, 32));
  return createHmac('sha256', refKey).update(sourceKey).digest('hex').slice(0, 32);
}

/** The original message as bytes: key, value, then each header (name, value), lengths as 32-bit; -1 is null. */
export function encodeOriginal(original: OriginalMessage): Buffer {
  const parts: Buffer[] = [bytesField(original.key), bytesField(original.value), uint32(original.headers.length)];
  for (const [name, value] of original.headers) parts.push(bytesField(Buffer.from(name, 'utf8')), bytesField(value));
  return Buffer.concat(parts);
}

export function decodeOriginal(bytes: Buffer): OriginalMessage {
  let at = 0;
  const field = (): Buffer | null => {
    if (at + 4 > bytes.length) throw new DeadLetterUnreadableError('tampered', 'the opened dead letter is truncated');
    const length = bytes.readInt32BE(at);
    at += 4;
    if (length === -1) return null;
    if (length < 0 || at + length > bytes.length) throw new DeadLetterUnreadableError('tampered', 'the opened dead letter declares a length beyond its end');
    const value = bytes.subarray(at, at + length);
    at += length;
    return value;
  };
  const key = field();
  const value = field();
  if (at + 4 > bytes.length) throw new DeadLetterUnreadableError('tampered', 'the opened dead letter is truncated');
  const count = bytes.readUInt32BE(at);
  at += 4;
  const headers: OriginalHeader[] = [];
  for (let i = 0; i < count; i++) {
    const name = field();
    if (name === null) throw new DeadLetterUnreadableError('tampered', 'the opened dead letter has a header without a name');
    headers.push([name.toString('utf8'), field()]);
  }
  if (at !== bytes.length) throw new DeadLetterUnreadableError('tampered', 'the opened dead letter has bytes after its last header');
  return { key, value, headers };
}

/** kafkajs headers (values may be strings, arrays, null) as an ordered list. */
export function originalHeaders(headers: IHeaders | undefined): OriginalHeader[] {
  const list: OriginalHeader[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) list.push([name, v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8')]);
  }
  return list;
}

function associatedData(context: DeadLetterContext, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(['furnish-dlq-v1', keyId, context.stage, context.sourceTopic, context.sourcePartition, context.sourceOffset]), 'utf8');
}

function bytesField(value: Buffer | null): Buffer {
  if (value === null) return int32(-1);
  return Buffer.concat([int32(value.length), value]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

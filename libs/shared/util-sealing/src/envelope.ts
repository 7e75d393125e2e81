import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing, SealingKey } from './key-ring';

/**
 * Envelope encryption: each value gets its own AES-256-GCM data key, wrapped (AES-256-GCM) by a
 * key-encryption key of a KeyRing. Both ciphertexts are bound to associated data the caller derives
 * from where the value belongs (a dead letter's stage and source position, a furnished record's id),
 * so a sealed value moved elsewhere fails to open. The key id travels in clear at the start, so
 * rotation needs no other bookkeeping to find the key.
 *
 * Sealed value:
 *   magic (4 ASCII) | key-id length (1 byte) | key id (ASCII) | wrap IV (12) | wrapped data key (32) | wrap tag (16)
 *          | data IV (12) | data tag (16) | ciphertext
 */
export interface EnvelopeFormat {
  /** 4 ASCII characters every sealed value of this kind starts with, e.g. `FDL1`. */
  readonly magic: string;
  /** What a sealed value is, for messages (e.g. "dead letter"). */
  readonly what: string;
  /** What the associated data binds it to, for messages (e.g. "this stage and source position"). */
  readonly boundTo: string;
}

const MAGIC_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

export type SealedValueUnreadableReason = 'not-sealed' | 'key-unknown' | 'tampered';

/** A sealed value that cannot be opened: says why, never what it holds. */
export class SealedValueUnreadableError extends Error {
  constructor(
    readonly reason: SealedValueUnreadableReason,
    message: string,
  ) {
    super(message);
    this.name = 'SealedValueUnreadableError';
  }
}

/** Associated data of a sealed value, from the id of the key it is sealed under. */
export type AssociatedData = (keyId: string) => Buffer;

/** Bytes a sealed value takes for a plaintext of `plaintextBytes` under key `keyId`. */
export const sealedBytes = (keyId: string, plaintextBytes: number): number =>
  MAGIC_BYTES + 1 + Buffer.byteLength(keyId, 'ascii') + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES + IV_BYTES + TAG_BYTES + plaintextBytes;

export function sealEnvelope(format: EnvelopeFormat, key: SealingKey, associatedData: AssociatedData, plaintext: Buffer): Buffer {
  const aad = associatedData(key.id);
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const wrapIv = randomBytes(IV_BYTES);
  const wrap = createCipheriv('aes-256-gcm', key.secret, wrapIv).setAAD(aad);
  const wrapped = Buffer.concat([wrap.update(dataKey), wrap.final()]);
  const dataIv = randomBytes(IV_BYTES);
  const data = createCipheriv('aes-256-gcm', dataKey, dataIv).setAAD(aad);
  const ciphertext = Buffer.concat([data.update(plaintext), data.final()]);
  const keyId = Buffer.from(key.id, 'ascii');
  return Buffer.concat([magicOf(format), Buffer.of(keyId.length), keyId, wrapIv, wrapped, wrap.getAuthTag(), dataIv, data.getAuthTag(), ciphertext]);
}

/** The id of the key a sealed value needs, read without opening it; undefined when it is not sealed in this format. */
export function sealedKeyId(format: EnvelopeFormat, sealed: Buffer | null): string | undefined {
  const magic = magicOf(format);
  if (sealed === null || sealed.length < MAGIC_BYTES + 1 || !sealed.subarray(0, MAGIC_BYTES).equals(magic)) return undefined;
  const end = MAGIC_BYTES + 1 + sealed[MAGIC_BYTES];
  return sealed.length < end ? undefined : sealed.subarray(MAGIC_BYTES + 1, end).toString('ascii');
}

/** Opens a sealed value with the ring's key it names; throws SealedValueUnreadableError saying why it cannot. */
export function openEnvelope(format: EnvelopeFormat, ring: KeyRing, associatedData: AssociatedData, sealed: Buffer | null): Buffer {
  const keyId = sealedKeyId(format, sealed);
  if (sealed === null || keyId === undefined) throw new SealedValueUnreadableError('not-sealed', `the value is not a sealed ${format.what} (${format.magic})`);
  const key = ring.key(keyId);
  if (!key) throw new SealedValueUnreadableError('key-unknown', `sealed under key ${keyId}, which ${ring.variables.file} does not hold`);
  let at = MAGIC_BYTES + 1 + keyId.length;
  const take = (n: number): Buffer => {
    if (at + n > sealed.length) throw new SealedValueUnreadableError('tampered', 'the sealed value is truncated');
    const part = sealed.subarray(at, at + n);
    at += n;
    return part;
  };
  const aad = associatedData(keyId);
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
    throw new SealedValueUnreadableError('tampered', `the sealed value does not authenticate for ${format.boundTo}`);
  }
}

function magicOf(format: EnvelopeFormat): Buffer {
  const magic = Buffer.from(format.magic, 'ascii');
  if (magic.length !== MAGIC_BYTES) throw new Error(`an envelope format's magic is ${MAGIC_BYTES} ASCII characters`);
  return magic;
}

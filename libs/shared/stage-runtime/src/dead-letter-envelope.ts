import { createHmac, hkdfSync } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import { openEnvelope, sealEnvelope, sealedKeyId as sealedKeyIdOf, SealedValueUnreadableError, type EnvelopeFormat } from '@furnish/shared-util-sealing';
import type { DeadLetterKey, DeadLetterKeyRing } from './dead-letter-keys';

/**
 * Envelope encryption (@furnish/shared-util-sealing) of a dead letter's original message (key,
 * value and headers), so whoever can read a DLQ topic reads no borrower data. The associated data
 * binds it to the dead letter's stage and source position, so a sealed value moved to another dead
 * letter, or headers edited to re-drive it elsewhere, fail to open. The sealed value starts `FDL1`
 * and names its key id; the plaintext is the original message (encodeOriginal).
 */
const DEAD_LETTER_ENVELOPE: EnvelopeFormat = { magic: 'FDL1', what: 'dead letter', boundTo: 'this stage and source position (altered, or moved from another dead letter)' };
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

export { sealedBytes } from '@furnish/shared-util-sealing';

export function sealDeadLetter(key: DeadLetterKey, context: DeadLetterContext, plaintext: Buffer): Buffer {
  return sealEnvelope(DEAD_LETTER_ENVELOPE, key, associatedData(context), plaintext);
}

/** The id of the key a sealed dead letter needs, read without opening it; undefined when it is not sealed. */
export const sealedKeyId = (sealed: Buffer | null): string | undefined => sealedKeyIdOf(DEAD_LETTER_ENVELOPE, sealed);

/** Opens a sealed dead letter with the key it names; throws SealedValueUnreadableError saying why it cannot. */
export function openDeadLetter(ring: DeadLetterKeyRing, context: DeadLetterContext, sealed: Buffer | null): Buffer {
  return openEnvelope(DEAD_LETTER_ENVELOPE, ring, associatedData(context), sealed);
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
    if (at + 4 > bytes.length) throw new SealedValueUnreadableError('tampered', 'the opened dead letter is truncated');
    const length = bytes.readInt32BE(at);
    at += 4;
    if (length === -1) return null;
    if (length < 0 || at + length > bytes.length) throw new SealedValueUnreadableError('tampered', 'the opened dead letter declares a length beyond its end');
    const value = bytes.subarray(at, at + length);
    at += length;
    return value;
  };
  const key = field();
  const value = field();
  if (at + 4 > bytes.length) throw new SealedValueUnreadableError('tampered', 'the opened dead letter is truncated');
  const count = bytes.readUInt32BE(at);
  at += 4;
  const headers: OriginalHeader[] = [];
  for (let i = 0; i < count; i++) {
    const name = field();
    if (name === null) throw new SealedValueUnreadableError('tampered', 'the opened dead letter has a header without a name');
    headers.push([name.toString('utf8'), field()]);
  }
  if (at !== bytes.length) throw new SealedValueUnreadableError('tampered', 'the opened dead letter has bytes after its last header');
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

function associatedData(context: DeadLetterContext): (keyId: string) => Buffer {
  return (keyId) => Buffer.from(JSON.stringify(['furnish-dlq-v1', keyId, context.stage, context.sourceTopic, context.sourcePartition, context.sourceOffset]), 'utf8');
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

import { WireFormatError } from './errors';

/** Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary body. */
const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

export interface FramedPayload {
  readonly schemaId: number;
  readonly body: Buffer;
}

export function frame(schemaId: number, body: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(HEADER_LENGTH + body.length);
  framed.writeUInt8(MAGIC_BYTE, 0);
  framed.writeUInt32BE(schemaId, 1);
  body.copy(framed, HEADER_LENGTH);
  return framed;
}

export function unframe(message: Buffer | null): FramedPayload {
  if (message === null) throw new WireFormatError('message has no value (tombstone)');
  if (message.length < HEADER_LENGTH) {
    throw new WireFormatError(`message of ${message.length} bytes is shorter than the 5-byte wire-format header`);
  }
  const magic = message.readUInt8(0);
  if (magic !== MAGIC_BYTE) {
    throw new WireFormatError(`unknown magic byte ${magic}; expected ${MAGIC_BYTE} (Confluent wire format)`);
  }
  return { schemaId: message.readUInt32BE(1), body: message.subarray(HEADER_LENGTH) };
}

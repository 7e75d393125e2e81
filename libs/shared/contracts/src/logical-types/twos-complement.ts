/** Minimal big-endian two's-complement bytes of an integer, as Avro `decimal` stores the unscaled value (Java BigInteger.toByteArray). */
export function toTwosComplement(value: bigint): Buffer {
  let length = 1;
  while (value < -(1n << BigInt(8 * length - 1)) || value >= 1n << BigInt(8 * length - 1)) length++;
  const unsigned = value < 0n ? (1n << BigInt(8 * length)) + value : value;
  return Buffer.from(unsigned.toString(16).padStart(2 * length, '0'), 'hex');
}

export function fromTwosComplement(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = BigInt(`0x${bytes.toString('hex')}`);
  return bytes[0] & 0x80 ? unsigned - (1n << BigInt(8 * bytes.length)) : unsigned;
}

/** Index n holds 2^(8n - 1): n bytes of two's complement hold -2^(8n-1) … 2^(8n-1) - 1 (index 0 is unused). */
const SIGNED_LIMITS = [0.5, 2 ** 7, 2 ** 15, 2 ** 23, 2 ** 31, 2 ** 39, 2 ** 47, 2 ** 55];
const TWO_TO_32 = 2 ** 32;

/** `toTwosComplement` for a safe integer (|value| < 2^53, at most 7 bytes), without BigInt or hex strings. */
export function safeIntegerToTwosComplement(value: number): Buffer {
  const magnitude = value < 0 ? -value - 1 : value;
  let length = 1;
  while (magnitude >= SIGNED_LIMITS[length]) length++;
  const bytes = Buffer.allocUnsafe(length);
  if (length <= 6) {
    bytes.writeIntBE(value, 0, length);
  } else {
    // writeIntBE stops at 6 bytes: the high 3 (signed) and the low 4 (unsigned), both exact in doubles.
    const high = Math.floor(value / TWO_TO_32);
    bytes.writeIntBE(high, 0, 3);
    bytes.writeUInt32BE(value - high * TWO_TO_32, 3);
  }
  return bytes;
}

/** The longest two's complement that `readIntBE` reads, and always a safe integer. */
export const MAX_SAFE_TWOS_COMPLEMENT_BYTES = 6;

/** `fromTwosComplement` for at most 6 bytes, as a number. */
export function fromSafeTwosComplement(bytes: Buffer): number {
  return bytes.length === 0 ? 0 : bytes.readIntBE(0, bytes.length);
}

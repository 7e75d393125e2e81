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

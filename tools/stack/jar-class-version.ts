import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const CLASS_FILE_MAGIC = 0xcafebabe;
const STORED = 0;
const DEFLATED = 8;
/** Class-file major version 61 is Java 17, 65 is Java 21. */
const CLASS_MAJOR_OFFSET = 44;

/**
 * The Java release the first class under `packagePrefix` in a jar was compiled for, or null when
 * none is found. Lets us pick a JVM before starting one, instead of decoding UnsupportedClassVersionError.
 */
export function jarClassJavaVersion(jarFile: string, packagePrefix: string): number | null {
  const zip = readFileSync(jarFile);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) return null;
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let index = 0; index < entries; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return null;
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (!name.startsWith(packagePrefix) || !name.endsWith('.class')) continue;
    if (method !== STORED && method !== DEFLATED) continue;
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const classFile = method === DEFLATED ? inflateRawSync(raw) : raw;
    if (classFile.readUInt32BE(0) !== CLASS_FILE_MAGIC) continue;
    return classFile.readUInt16BE(6) - CLASS_MAJOR_OFFSET;
  }
  return null;
}

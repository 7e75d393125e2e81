import type { Type } from 'avsc';

/** The Avro binary encoding of a long: zig-zag, then 7 bits a byte, low bits first (Avro spec, "Primitive Types"). */
export function avroLong(value: bigint | number): Buffer {
  const n = BigInt(value);
  let zigzag = n >= 0n ? n << 1n : (-n << 1n) - 1n;
  const bytes: number[] = [];
  while (zigzag >= 0x80n) {
    bytes.push(Number(zigzag & 0x7fn) | 0x80);
    zigzag >>= 7n;
  }
  bytes.push(Number(zigzag));
  return Buffer.from(bytes);
}

/** `body` with the `length` bytes at `offset` replaced by `replacement`. */
export function splice(body: Buffer, offset: number, length: number, replacement: Buffer): Buffer {
  return Buffer.concat([body.subarray(0, offset), replacement, body.subarray(offset + length)]);
}

interface RecordLike {
  readonly fields: readonly { readonly name: string; readonly type: Type }[];
}

/**
 * Where the field at `path` (`account.scheduledDueDates`) starts in `type`'s encoding of `value`:
 * a record is its fields' encodings one after another, a union value its branch index then the
 * branch's encoding (Avro spec, "Complex Types").
 */
export function fieldOffset(type: Type, value: unknown, path: string): number {
  let offset = 0;
  let current = type;
  let currentValue = value as Record<string, unknown>;
  for (const name of path.split('.')) {
    const fields = (current as unknown as RecordLike).fields;
    const index = fields.findIndex((field) => field.name === name);
    if (index < 0) throw new Error(`no field ${name} in ${path}`);
    for (const field of fields.slice(0, index)) offset += field.type.toBuffer(currentValue[field.name]).length;
    let fieldType = fields[index].type;
    const fieldValue = currentValue[name];
    const branches = (fieldType as unknown as { types?: readonly Type[] }).types;
    if (branches) {
      const branch = branches.find((candidate) => candidate.typeName !== 'null' && candidate.isValid(fieldValue));
      if (!branch) throw new Error(`${path}: no branch holds the value`);
      offset += fieldType.toBuffer(fieldValue).length - branch.toBuffer(fieldValue).length;
      fieldType = branch;
    }
    current = fieldType;
    currentValue = fieldValue as Record<string, unknown>;
  }
  return offset;
}

import { parseAvroSchema } from './logical-types';

const writer = parseAvroSchema({
  type: 'record',
  name: 'Skipped',
  fields: [
    { name: 'dates', type: { type: 'array', items: 'int' } },
    { name: 'tags', type: { type: 'map', values: 'string' } },
    { name: 'kept', type: 'int' },
  ],
});
const projection = parseAvroSchema({ type: 'record', name: 'Skipped', fields: [{ name: 'kept', type: 'int' }] });
const readKept = (bytes: number[]) => projection.fromBuffer(Buffer.from(bytes), projection.createResolver(writer));

describe('skipping arrays and maps a projection leaves out', () => {
  it('skips well-formed blocks, including blocks written with their byte size', () => {
    expect(readKept([0x04, 0x02, 0x04, 0x00, 0x00, 0x0a])).toEqual({ kept: 5 });
    // Count -1 with a 1-byte size: one int item skipped by size.
    expect(readKept([0x01, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x61, 0x02, 0x62, 0x00, 0x0a])).toEqual({ kept: 5 });
  });

  it('rejects a block whose byte size is negative instead of looping on it', () => {
    expect(() => readKept([0x01, 0x03, 0x00, 0x00, 0x0a])).toThrow(/truncated buffer/);
    expect(() => readKept([0x00, 0x01, 0x03, 0x00, 0x0a])).toThrow(/truncated buffer/);
  });
});

/**
 * The installed (patched) kafkajs's producer path (patches/README.md): grouping a send's messages by
 * partition, and encoding them.
 *
 * It encodes records into buffers it does not zero first
 * (patches/kafkajs+2.2.4.patch, "unzeroed encoder buffers"): safe only because every byte it hands
 * on was written. Here every such buffer comes filled with a marker byte, so a byte the encoder
 * skipped would show up as that marker; the expected bytes are laid out by hand from
 * Kafka's record format v2 (KIP-98: varint length, attributes, timestamp delta, offset delta, key,
 * value, headers; zigzag varints).
 */
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer;
  value: Buffer;
  headers: Record<string, string>;
}) => { buffer: Buffer };

const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition') as <M>(send: {
  topic: string;
  partitionMetadata: readonly { partitionId: number; leader: number }[];
  messages: readonly M[];
  partitioner: (args: { message: M }) => number;
}) => Record<string, M[]>;

describe('grouping messages by partition (kafkajs, patched: one pass, no array copied per message)', () => {
  it('keeps every message once, in send order within its partition', () => {
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1 }));
    const messages = [2, 0, 2, 1, 0, 2].map((partition, i) => ({ partition, value: `m${i}` }));

    const grouped = groupMessagesPerPartition({ topic: 't', partitionMetadata, messages, partitioner: ({ message }) => message.partition });

    expect(Object.fromEntries(Object.entries(grouped).map(([p, ms]) => [p, ms.map((m) => m.value)]))).toEqual({ 0: ['m1', 'm4'], 1: ['m3'], 2: ['m0', 'm2', 'm5'] });
  });

  it('returns no group for a topic without partitions', () => {
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages: [{ partition: 0 }], partitioner: () => 0 })).toEqual({});
  });
});

describe('record encoding without zeroed buffers (kafkajs, patched)', () => {
  it('writes every byte of a record: nothing left over from earlier allocations', () => {
    const key = Buffer.from('ACC-1');
    const value = Buffer.alloc(600, 0x07); // longer than the encoder's first 512 bytes: it has to grow
    const unzeroed = jest.spyOn(Buffer, 'allocUnsafe').mockImplementation((size) => Buffer.alloc(size, 0xaa));

    const { buffer } = encodeRecord({ offsetDelta: 3, timestampDelta: 2, key, value, headers: { h: 'v' } });
    const unzeroedAllocations = unzeroed.mock.calls.length;
    unzeroed.mockRestore();

    // zigzag varints: 3 → 6, 2 → 4, 5 → 10, 600 → 1200 = 0xb0 0x09, 1 → 2
    const body = Buffer.concat([
      Buffer.from([0x00, 0x04, 0x06, 0x0a]),
      key,
      Buffer.from([0xb0, 0x09]),
      value,
      Buffer.from([0x02, 0x02, 0x68, 0x02, 0x76]), // one header: "h" → "v"
    ]);
    // body length 4 + 5 + 2 + 600 + 5 = 616 → zigzag 1232 = 0xd0 0x09
    expect(body.length).toBe(616);
    expect(buffer.equals(Buffer.concat([Buffer.from([0xd0, 0x09]), body]))).toBe(true);
    expect(unzeroedAllocations).toBeGreaterThan(0);
  });
});

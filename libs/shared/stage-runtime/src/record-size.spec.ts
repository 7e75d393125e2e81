import type { KafkaMessage, Message } from 'kafkajs';
import { cutChunks, fitsTopic, recordBytes, RECORD_BATCH_OVERHEAD_BYTES, splitIntoRequests } from './record-size';

const message = (valueBytes: number, key = 'k'): Message => ({ key, value: Buffer.alloc(valueBytes) });
const input = (offset: number, valueBytes: number): KafkaMessage =>
  ({ key: Buffer.from('k'), value: Buffer.alloc(valueBytes), offset: String(offset), timestamp: '0', headers: {}, attributes: 0 }) as unknown as KafkaMessage;

describe('record sizes', () => {
  it('counts key, value and headers with a bounded per-record overhead', () => {
    const bare = recordBytes({ key: null, value: null });
    expect(recordBytes({ key: 'abc', value: Buffer.alloc(100), headers: { h: 'xy' } })).toBe(bare + 3 + 100 + 1 + 6 + 2);
  });

  it('says whether one message fits a topic batch limit', () => {
    const limit = 1_000;
    const overhead = recordBytes({ key: 'k', value: Buffer.alloc(0) }) + RECORD_BATCH_OVERHEAD_BYTES;
    expect(fitsTopic(message(limit - overhead), limit)).toBe(true);
    expect(fitsTopic(message(limit - overhead + 1), limit)).toBe(false);
  });
});

describe('splitIntoRequests', () => {
  it('keeps a transaction that fits in one request', () => {
    const requests = splitIntoRequests([{ topic: 'a', messages: [message(10), message(10)] }], () => 1_000_000);
    expect(requests).toHaveLength(1);
  });

  it('splits a fan-out of ~900 KB records so no request exceeds 1 MiB, keeping order per topic', () => {
    // Three consented copies of one 900 KB loan event (one per bureau) and a dead letter.
    const copies = [message(900_000, '1'), message(900_000, '2'), message(900_000, '3')];
    const requests = splitIntoRequests([{ topic: 'out', messages: copies }, { topic: 'dlq', messages: [message(3_000)] }], () => 1_048_588);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      const bytes = request.flatMap((t) => t.messages).reduce((sum, m) => sum + recordBytes(m), RECORD_BATCH_OVERHEAD_BYTES);
      expect(bytes).toBeLessThanOrEqual(1_048_588);
    }
    expect(requests.flatMap((r) => r.filter((t) => t.topic === 'out').flatMap((t) => t.messages.map((m) => m.key)))).toEqual(['1', '2', '3']);
  });

  it('splits 400 dead letters of ~3 KB into requests below the DLQ limit', () => {
    const requests = splitIntoRequests([{ topic: 'dlq', messages: Array.from({ length: 400 }, () => message(3_000)) }], () => 1_048_588);
    // 400 × ~3 KB = ~1.2 MB: two requests, every message sent once.
    expect(requests).toHaveLength(2);
    expect(requests.flatMap((r) => r.flatMap((t) => t.messages))).toHaveLength(400);
  });

  it('applies the smallest limit among the topics sharing a request', () => {
    const requests = splitIntoRequests(
      [
        { topic: 'big', messages: [message(600)] },
        { topic: 'small', messages: [message(600)] },
      ],
      (topic) => (topic === 'small' ? 1_000 : 100_000),
    );
    expect(requests).toHaveLength(2);
  });
});

describe('cutChunks', () => {
  it('cuts by record count', () => {
    const chunks = cutChunks(Array.from({ length: 5 }, (_, i) => input(i, 10)), { maxRecords: 2, maxBytes: 1_000_000 });
    expect(chunks.map((c) => c.map((m) => m.offset))).toEqual([['0', '1'], ['2', '3'], ['4']]);
  });

  it('cuts by bytes, and puts a record larger than the limit in a chunk of its own', () => {
    const chunks = cutChunks([input(0, 400), input(1, 400), input(2, 5_000), input(3, 100)], { maxRecords: 100, maxBytes: 1_000 });
    expect(chunks.map((c) => c.map((m) => m.offset))).toEqual([['0', '1'], ['2'], ['3']]);
  });
});

/**
 * The installed (patched) kafkajs read_committed filter, on record layouts of a partition that
 * several transactional producers write to, as a DLQ partition is written by every input
 * partition's producer of a stage.
 */
import { assertReadCommittedFiltering, readCommitted as filterAbortedMessages, type FetchedRecord } from './read-committed-filter';

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);
const data = (offset: number, producerId: string, key = `k${offset}`): FetchedRecord => ({
  offset: String(offset),
  key: Buffer.from(key),
  isControlRecord: false,
  batchContext: { producerId, inTransaction: true },
});
const marker = (offset: number, producerId: string, kind: Buffer): FetchedRecord => ({
  offset: String(offset),
  key: kind,
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const dataOffsets = (records: readonly FetchedRecord[]) => records.filter((r) => !r.isControlRecord).map((r) => Number(r.offset));

describe('read_committed filtering of aborted transactions (kafkajs, patched)', () => {
  it('drops a transaction that started first but was aborted last: the broker lists aborted transactions in abort order', () => {
    // 0: A begins · 1: B begins · 2: B aborted · 3: A again · 4: A aborted · 5: C committed · 6: C's marker
    const messages = [data(0, 'A'), data(1, 'B'), marker(2, 'B', ABORT), data(3, 'A'), marker(4, 'A', ABORT), data(5, 'C'), marker(6, 'C', COMMIT)];
    const abortedTransactions = [
      { producerId: 'B', firstOffset: '1' },
      { producerId: 'A', firstOffset: '0' },
    ];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions }))).toEqual([5]);
  });

  it('enters every aborted transaction that began before the fetch started, not one per record', () => {
    // Fetched from offset 10; A (from 4) and B (from 7) were both open and are both aborted later.
    const messages = [data(10, 'B'), data(11, 'A'), data(12, 'C'), marker(13, 'B', ABORT), marker(14, 'A', ABORT), marker(15, 'C', COMMIT)];
    const abortedTransactions = [
      { producerId: 'A', firstOffset: '4' },
      { producerId: 'B', firstOffset: '7' },
    ];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions }))).toEqual([12]);
  });

  it("keeps a producer's committed transaction after its aborted one ended at the abort marker", () => {
    const messages = [data(0, 'A'), marker(1, 'A', ABORT), data(2, 'A'), marker(3, 'A', COMMIT)];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: 'A', firstOffset: '0' }] }))).toEqual([2]);
  });

  it('does not take a data record whose key is 00 00 00 00 for an abort marker', () => {
    const messages = [data(0, 'A'), { ...data(1, 'A'), key: ABORT }, data(2, 'A'), marker(3, 'A', ABORT)];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: 'A', firstOffset: '0' }] }))).toEqual([]);
  });

  it('keeps records written outside transactions and records of producers with nothing aborted', () => {
    const plain: FetchedRecord = { ...data(1, 'P'), batchContext: { producerId: 'P', inTransaction: false } };
    const messages = [data(0, 'A'), plain, data(2, 'C'), marker(3, 'A', ABORT), marker(4, 'C', COMMIT)];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: 'A', firstOffset: '0' }] }))).toEqual([1, 2]);
  });

  it('is what the services run: the start-up check passes with the patch applied', () => {
    expect(() => assertReadCommittedFiltering()).not.toThrow();
  });
});

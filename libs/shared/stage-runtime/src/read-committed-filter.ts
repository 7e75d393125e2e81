/**
 * kafkajs 2.2.4 decides which fetched records a read_committed consumer may see in
 * src/consumer/filterAbortedMessages.js. Unpatched, it takes the aborted transactions in the order
 * the broker lists them (the order they were aborted) and enters one per record, so when
 * transactions of several producers interleave in a partition — a DLQ partition written by every
 * input partition's producer, a killed instance's transaction aborted by its successor's fence —
 * records of aborted transactions are delivered as if committed (issue 10: dead letters seen twice,
 * an aborted chunk's outputs processed downstream). patches/kafkajs+2.2.4.patch fixes it.
 */
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as (fetched: {
  messages: readonly FetchedRecord[];
  abortedTransactions: readonly { producerId: string; firstOffset: string }[];
}) => FetchedRecord[];

/** The fields of a fetched record (kafkajs's decoded message) the filter reads. */
export interface FetchedRecord {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly isControlRecord: boolean;
  readonly batchContext: { readonly producerId: string; readonly inTransaction: boolean };
}

export const readCommitted = filterAbortedMessages;

export class UnpatchedKafkaClientError extends Error {
  constructor() {
    super('the installed kafkajs lets read_committed consumers see aborted transactions: install dependencies with their scripts (npm ci applies patches/kafkajs+2.2.4.patch; see patches/README.md)');
    this.name = 'UnpatchedKafkaClientError';
  }
}

const ABORT_MARKER = Buffer.from([0, 0, 0, 0]);

/**
 * Fails unless the installed kafkajs carries the read_committed patch: an install that skipped
 * scripts (`npm ci --ignore-scripts`) or a kafkajs upgrade without the patch must not run.
 * Probe: producer A's transaction begins first and is aborted after B's, which the broker lists first.
 */
export function assertReadCommittedFiltering(): void {
  const record = (offset: number, producerId: string, marker = false): FetchedRecord => ({
    offset: String(offset),
    key: marker ? ABORT_MARKER : Buffer.from('k'),
    isControlRecord: marker,
    batchContext: { producerId, inTransaction: true },
  });
  const delivered = readCommitted({
    messages: [record(0, 'A'), record(1, 'B'), record(2, 'B', true), record(3, 'A', true)],
    abortedTransactions: [
      { producerId: 'B', firstOffset: '1' },
      { producerId: 'A', firstOffset: '0' },
    ],
  });
  if (delivered.some((r) => !r.isControlRecord)) throw new UnpatchedKafkaClientError();
}

import type { Admin } from 'kafkajs';
import { DEFAULT_CLOCK_SKEW_MARGIN_MS, LedgerBehindError, LedgerWatermark } from './ledger-watermark';

interface FakeKafka {
  /** The timestamps the watermark asked the consent offsets for, in order. */
  readonly asked: number[];
  /** The ledger group's committed offset on partition 0. */
  ledgerAt: string;
  /** While set, offset requests wait for it: a query in flight. */
  gate: Promise<void> | null;
}

/** Kafka's answers as plain data: the first consent event after any time is offset 5 of partition 0. */
function fakeAdmin(kafka: FakeKafka): Admin {
  return {
    fetchTopicOffsetsByTimestamp: async (_topic: string, timestamp?: number) => {
      kafka.asked.push(timestamp!);
      await kafka.gate;
      return [{ partition: 0, offset: '5' }];
    },
    fetchOffsets: async () => [{ topic: 'consent', partitions: [{ partition: 0, offset: kafka.ledgerAt }] }],
  } as unknown as Admin;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LedgerWatermark', () => {
  const options = { consentTopic: 'consent', ledgerGroupId: 'ledger', maxWaitMs: 0, pollIntervalMs: 1 };
  const loanStamp = new Date('2026-01-01T00:00:00.000Z');
  const at = (ms: number) => new Date(loanStamp.getTime() + ms);
  const kafka = (): FakeKafka => ({ asked: [], ledgerAt: '5', gate: null });

  it('asks for the consent offsets stamped up to one second past the loan event by default (clock skew between brokers)', async () => {
    const k = kafka();
    await new LedgerWatermark(fakeAdmin(k), options).awaitCoverage(loanStamp);
    expect(DEFAULT_CLOCK_SKEW_MARGIN_MS).toBe(1_000);
    expect(k.asked).toEqual([loanStamp.getTime() + 1_000 + 1]);
  });

  it('applies a configured margin', async () => {
    const k = kafka();
    await new LedgerWatermark(fakeAdmin(k), { ...options, clockSkewMarginMs: 250 }).awaitCoverage(loanStamp);
    expect(k.asked).toEqual([loanStamp.getTime() + 251]);
  });

  it('answers callers of the same moment with one query for the latest time any of them asked for', async () => {
    const k = kafka();
    const watermark = new LedgerWatermark(fakeAdmin(k), { ...options, clockSkewMarginMs: 0 });
    const answers = await Promise.all([watermark.awaitCoverage(at(10)), watermark.awaitCoverage(at(30)), watermark.awaitCoverage(at(20))]);
    expect(k.asked).toEqual([loanStamp.getTime() + 31]);
    for (const answer of answers) expect(answer.positions).toEqual(new Map([[0, 5n]]));
  });

  it('gives callers that arrive while a query runs one next query, never the running one, even when it proves a later time', async () => {
    const k = kafka();
    const watermark = new LedgerWatermark(fakeAdmin(k), { ...options, clockSkewMarginMs: 0 });
    const inFlight = deferred();
    k.gate = inFlight.promise;
    const first = watermark.awaitCoverage(at(50));
    await settle();
    expect(k.asked).toEqual([loanStamp.getTime() + 51]);

    // The release-time re-check asks for "now": an answer to a query begun earlier would miss what was published since.
    const second = watermark.awaitCoverage(at(10));
    const third = watermark.awaitCoverage(at(20));
    k.gate = null;
    inFlight.resolve();
    await Promise.all([first, second, third]);
    expect(k.asked).toEqual([loanStamp.getTime() + 51, loanStamp.getTime() + 21]);
  });

  it('fails the callers of a query that found the ledger behind, and the next caller queries afresh', async () => {
    const k = kafka();
    k.ledgerAt = '4';
    const watermark = new LedgerWatermark(fakeAdmin(k), options);
    await expect(Promise.all([watermark.awaitCoverage(at(1)), watermark.awaitCoverage(at(2))])).rejects.toBeInstanceOf(LedgerBehindError);

    k.ledgerAt = '5';
    await expect(watermark.awaitCoverage(at(3))).resolves.toMatchObject({ positions: new Map([[0, 5n]]) });
    expect(k.asked).toHaveLength(2);
  });

  it('waits for the ledger to reach the required offsets, polling its committed offsets', async () => {
    const k = kafka();
    k.ledgerAt = '3';
    let polls = 0;
    const watermark = new LedgerWatermark(fakeAdmin(k), { ...options, maxWaitMs: 60_000 }, async () => {
      polls += 1;
      if (polls === 2) k.ledgerAt = '5';
    });
    await expect(watermark.awaitCoverage(at(1))).resolves.toMatchObject({ positions: new Map([[0, 5n]]) });
    expect(polls).toBe(2);
  });
});

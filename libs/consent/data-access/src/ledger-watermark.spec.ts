import type { Admin } from 'kafkajs';
import { DEFAULT_CLOCK_SKEW_MARGIN_MS, LedgerWatermark } from './ledger-watermark';

/** Kafka's answers as plain data: offsets by timestamp and the ledger group's committed offsets. */
function fakeAdmin(asked: number[]): Admin {
  return {
    fetchTopicOffsetsByTimestamp: async (_topic: string, timestamp?: number) => {
      asked.push(timestamp!);
      return [{ partition: 0, offset: '5' }];
    },
    fetchOffsets: async () => [{ topic: 'consent', partitions: [{ partition: 0, offset: '5' }] }],
  } as unknown as Admin;
}

describe('LedgerWatermark', () => {
  const options = { consentTopic: 'consent', ledgerGroupId: 'ledger', maxWaitMs: 0, pollIntervalMs: 1 };
  const loanStamp = new Date('2026-01-01T00:00:00.000Z');

  it('asks for the consent offsets stamped up to one second past the loan event by default (clock skew between brokers)', async () => {
    const asked: number[] = [];
    await new LedgerWatermark(fakeAdmin(asked), options).awaitCoverage(loanStamp);
    expect(DEFAULT_CLOCK_SKEW_MARGIN_MS).toBe(1_000);
    expect(asked).toEqual([loanStamp.getTime() + 1_000 + 1]);
  });

  it('applies a configured margin', async () => {
    const asked: number[] = [];
    await new LedgerWatermark(fakeAdmin(asked), { ...options, clockSkewMarginMs: 250 }).awaitCoverage(loanStamp);
    expect(asked).toEqual([loanStamp.getTime() + 251]);
  });
});

import { TOPICS } from '@furnish/shared-contracts';
import { generateSyntheticMonth } from '../synthetic-month.generator';
import { publishSyntheticMonth, type BulkPublisher } from './synthetic-month.publisher';

class RecordingPublisher implements BulkPublisher {
  readonly calls: { topic: string; keys: string[]; batchSize?: number }[] = [];

  async publishMany(topic: string, records: readonly { key: string; value: unknown }[], options?: { batchSize?: number }): Promise<void> {
    this.calls.push({ topic, keys: records.map((r) => r.key), batchSize: options?.batchSize });
  }
}

describe('publishSyntheticMonth', () => {
  it('publishes every consent event before any loan event, keyed per the event contract, with the batch size asked for', async () => {
    const month = generateSyntheticMonth({ borrowers: 80, seed: 'publisher', month: '2026-10' });
    const publisher = new RecordingPublisher();
    const progress: number[] = [];
    const result = await publishSyntheticMonth(publisher, month, { batchSize: 250, onProgress: (done) => progress.push(done) });

    expect(publisher.calls.map((c) => c.topic)).toEqual([TOPICS.consentEvents, TOPICS.loanEvents]);
    expect(publisher.calls[0].keys).toEqual(month.consentEvents.map((e) => e.borrowerId));
    expect(publisher.calls[1].keys).toEqual(month.loanEvents.map((e) => e.account.accountId));
    expect(publisher.calls.every((c) => c.batchSize === 250)).toBe(true);
    expect(result).toMatchObject({ consentEvents: month.consentEvents.length, loanEvents: month.loanEvents.length });
    expect(progress.at(-1)).toBe(month.consentEvents.length + month.loanEvents.length);
  });

  it('hands large months over in chunks, in order', async () => {
    const month = generateSyntheticMonth({ borrowers: 3000, seed: 'publisher', month: '2026-10' });
    const publisher = new RecordingPublisher();
    await publishSyntheticMonth(publisher, month);
    const loanCalls = publisher.calls.filter((c) => c.topic === TOPICS.loanEvents);
    expect(loanCalls.length).toBeGreaterThan(1);
    expect(loanCalls.flatMap((c) => c.keys)).toEqual(month.loanEvents.map((e) => e.account.accountId));
    expect(publisher.calls.every((c) => c.batchSize === 500)).toBe(true);
  });
});

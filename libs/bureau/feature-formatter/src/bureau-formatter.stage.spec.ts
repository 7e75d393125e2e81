import { TOPICS, type OutboundRecord } from '@furnish/shared-contracts';
import { BUREAU_CORRECTIONS, BUREAU_DELETIONS, BUREAU_FORMATS, BUREAU_RETRACTIONS } from '@furnish/bureau-formats';
import { aPbocStatementRecord } from '@furnish/bureau-format-pboc-crc/testing';
import type { ConsentInvalidation, ConsentReleaseGate, FurnishedRecordRow, ReleaseVerdict, UpstreamCorrections } from '@furnish/consent-release-gate';
import { EncodedValue, type InputRecord, type SettledRecord } from '@furnish/shared-stage-api';
import { BureauFormatterStage } from './bureau-formatter.stage';
import { PublishedRecordSealer, publishedRecordKeyRingOf } from './published-record.sealer';

/** A release gate whose verdicts wait until the test lets each check through. */
class HeldGate {
  private readonly held: (() => void)[] = [];
  check(candidates: readonly { eventId: string }[]): Promise<ReleaseVerdict[]> {
    return new Promise((resolve) =>
      this.held.push(() =>
        resolve(
          candidates.map((c) => ({
            release: true,
            decision: { eventId: c.eventId, bureau: 'pboc-crc', borrowerRef: 'ref', eventOccurredAt: new Date(0), consentId: 'C-1', consentVersion: 1 },
          })),
        ),
      ),
    );
  }
  releaseNext(): void {
    this.held.shift()!();
  }
  settled = async (): Promise<void> => undefined;
}

const furnished: FurnishedRecordRow[] = [];
const invalidation = {
  settled: async () => undefined,
  publishUnlessInvalidated: async (_ids: readonly string[], publish: (manager: never) => Promise<void>) => publish(undefined as never),
  recordFurnished: async (rows: readonly FurnishedRecordRow[]) => void furnished.push(...rows),
} as unknown as ConsentInvalidation;
const corrections = { originals: async () => new Map(), settled: async () => undefined } as unknown as UpstreamCorrections;

function aMinimisedRecord(offset: number): InputRecord<never> {
  const value = aPbocStatementRecord({ eventId: `00000000-0000-4000-8000-00000000000${offset}`, account: { ...aPbocStatementRecord().account, accountId: `ACCT0000${offset}` } } as never);
  return { key: value.account.accountId, value: value as never, topic: TOPICS.minimised['pboc-crc'], partition: offset, offset: String(offset), timestamp: new Date(0), encoded: new EncodedValue(() => value) };
}

describe('BureauFormatterStage with chunks of several partitions in flight', () => {
  it("keeps a chunk's account keys for its settled step while another chunk is processed in between", async () => {
    const gate = new HeldGate();
    const stage = new BureauFormatterStage(
      BUREAU_FORMATS,
      BUREAU_DELETIONS,
      gate as unknown as ConsentReleaseGate,
      invalidation,
      corrections,
      BUREAU_CORRECTIONS,
      BUREAU_RETRACTIONS,
      new PublishedRecordSealer(publishedRecordKeyRingOf({ FURNISH_ENV: 'local' })),
    );
    const a = aMinimisedRecord(1);
    const b = aMinimisedRecord(2);

    // Partition 1's chunk is formatted; before its settled step runs, partition 2's chunk starts.
    const formattingA = stage.process([a]);
    gate.releaseNext();
    const [outcomeA] = await formattingA;
    if (!('outputs' in outcomeA)) throw outcomeA.failure;
    const formattingB = stage.process([b]);
    await stage.settled([{ record: a, outputs: outcomeA.outputs } as SettledRecord<never>]);
    gate.releaseNext();
    await formattingB;

    const published = outcomeA.outputs.map((o) => (o.value as OutboundRecord).recordId);
    expect(published.length).toBeGreaterThan(0);
    expect(furnished.map((row) => row.recordId)).toEqual(published);
    expect(furnished.every((row) => row.outboundKey === 'ACCT00001')).toBe(true);
  });
});

import { TOPICS, type OutboundRecord } from '@furnish/shared-contracts';
import { BUREAU_CORRECTIONS, BUREAU_DELETIONS, BUREAU_FORMATS, BUREAU_RETRACTIONS } from '@furnish/bureau-formats';
import { aPbocStatementRecord } from '@furnish/bureau-format-pboc-crc/testing';
import type { ConsentInvalidation, ConsentReleaseGate, FurnishedRecordRow, ReleaseCandidate, ReleaseVerdict, UpstreamCorrections } from '@furnish/consent-release-gate';
import { EncodedValue, type InputRecord, type SettledRecord } from '@furnish/shared-stage-api';
import { HEADERS, MessageHeaders } from '@furnish/shared-stage-runtime';
import { BureauFormatterStage } from './bureau-formatter.stage';
import { PublishedRecordSealer, publishedRecordKeyRingOf } from './published-record.sealer';

/** A release gate whose verdicts wait until the test lets each check through. */
class HeldGate {
  private readonly held: (() => void)[] = [];
  readonly asked: ReleaseCandidate[] = [];
  check(candidates: readonly ReleaseCandidate[]): Promise<ReleaseVerdict[]> {
    this.asked.push(...candidates);
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

function aMinimisedRecord(offset: number, headers: Record<string, string> = {}): InputRecord<never> {
  const value = aPbocStatementRecord({ eventId: `00000000-0000-4000-8000-00000000000${offset}`, account: { ...aPbocStatementRecord().account, accountId: `ACCT0000${offset}` } } as never);
  return {
    key: value.account.accountId,
    value: value as never,
    topic: TOPICS.minimised['pboc-crc'],
    partition: offset,
    offset: String(offset),
    timestamp: new Date(0),
    headers: new MessageHeaders(headers),
    encoded: new EncodedValue(() => value),
  };
}

function aFormatterStage(gate: HeldGate): BureauFormatterStage {
  return new BureauFormatterStage(
    BUREAU_FORMATS,
    BUREAU_DELETIONS,
    gate as unknown as ConsentReleaseGate,
    invalidation,
    corrections,
    BUREAU_CORRECTIONS,
    BUREAU_RETRACTIONS,
    new PublishedRecordSealer(publishedRecordKeyRingOf({ FURNISH_ENV: 'local' })),
  );
}

describe('BureauFormatterStage release-time re-check', () => {
  it('asks for each release at the decision time its record carries, and at any time when it carries none or an unreadable one', async () => {
    const gate = new HeldGate();
    const records = [
      aMinimisedRecord(1, { [HEADERS.decidedAt]: String(Date.UTC(2026, 11, 7, 9, 30, 0, 125)) }),
      aMinimisedRecord(2),
      aMinimisedRecord(3, { [HEADERS.decidedAt]: 'not a time' }),
    ];
    const formatting = aFormatterStage(gate).process(records);
    gate.releaseNext();
    await formatting;
    expect(gate.asked.map((c) => c.decidedAt)).toEqual([new Date('2026-12-07T09:30:00.125Z'), undefined, undefined]);
  });
});

describe('BureauFormatterStage with chunks of several partitions in flight', () => {
  it("keeps a chunk's account keys for its settled step while another chunk is processed in between", async () => {
    const gate = new HeldGate();
    const stage = aFormatterStage(gate);
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

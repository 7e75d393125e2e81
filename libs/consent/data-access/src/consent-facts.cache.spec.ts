import type { ConsentFact } from '@furnish/consent-domain';
import { ConsentFactsCache } from './consent-facts.cache';
import type { LedgerChange } from './consent-ledger.repository';

/** An in-memory ledger: rows by (partition, offset), as the consent_event table keeps them. */
class FakeLedger {
  readonly rows: LedgerChange[] = [];
  factsForCalls: string[][] = [];

  append(borrowerId: string, partition: number, fact: Partial<ConsentFact> = {}): void {
    const offset = BigInt(this.rows.filter((r) => r.partition === partition).length);
    this.rows.push({
      borrowerRef: this.refOf(borrowerId),
      partition,
      offset,
      fact: { consentId: `c${this.rows.length}`, version: 1, action: 'GRANTED', bureaus: ['pboc-crc'], effectiveAt: new Date(0), expiresAt: null, ...fact },
    });
  }

  position(): Map<number, bigint> {
    const positions = new Map<number, bigint>();
    for (const r of this.rows) positions.set(r.partition, (positions.get(r.partition) ?? 0n) > r.offset + 1n ? positions.get(r.partition)! : r.offset + 1n);
    return positions;
  }

  refOf(borrowerId: string): string {
    return `ref:${borrowerId}`;
  }

  async factsByRef(refs: readonly string[]): Promise<Map<string, ConsentFact[]>> {
    this.factsForCalls.push(refs.map((ref) => ref.replace('ref:', '')));
    return new Map(refs.map((ref) => [ref, this.rows.filter((r) => r.borrowerRef === ref).map((r) => r.fact)]));
  }

  async changesSince(after: ReadonlyMap<number, bigint>, partitions: readonly number[]): Promise<LedgerChange[]> {
    return this.rows.filter((r) => partitions.includes(r.partition) && r.offset >= (after.get(r.partition) ?? 0n));
  }
}

describe('ConsentFactsCache', () => {
  it('reads uncached borrowers in one query and serves them from memory afterwards', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    const cache = new ConsentFactsCache(ledger, 100);
    await cache.factsFor(['b1', 'b2'], ledger.position());
    await cache.factsFor(['b1', 'b2'], ledger.position());
    expect(ledger.factsForCalls).toEqual([['b1', 'b2']]);
  });

  it('sees a withdrawal the ledger records after the borrower was cached', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    const cache = new ConsentFactsCache(ledger, 100);
    await cache.factsFor(['b1'], ledger.position());
    ledger.append('b1', 3, { consentId: 'w', action: 'WITHDRAWN' });
    const facts = await cache.factsFor(['b1'], ledger.position());
    expect(facts.get('b1')!.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
    expect(ledger.factsForCalls).toHaveLength(1);
  });

  it('does not duplicate a fact read both by the bulk query and the change feed', async () => {
    const ledger = new FakeLedger();
    const cache = new ConsentFactsCache(ledger, 100);
    await cache.factsFor(['x'], ledger.position());
    ledger.append('b1', 0);
    // b1 is loaded with the new row included, then the change feed delivers the same row.
    await cache.factsFor(['b1'], new Map());
    const facts = await cache.factsFor(['b1'], ledger.position());
    expect(facts.get('b1')).toHaveLength(1);
  });

  it('evicts the least recently used borrowers beyond its bound and reloads them when needed', async () => {
    const ledger = new FakeLedger();
    const cache = new ConsentFactsCache(ledger, 2);
    await cache.factsFor(['a', 'b'], ledger.position());
    await cache.factsFor(['a'], ledger.position());
    await cache.factsFor(['c'], ledger.position());
    expect(cache.size).toBe(2);
    await cache.factsFor(['b'], ledger.position());
    expect(ledger.factsForCalls).toEqual([['a', 'b'], ['c'], ['b']]);
  });
});

import type { ConsentFact } from '@furnish/consent-domain';
import { CHANGE_PAGE, ConsentFactsCache } from './consent-facts.cache';
import type { LedgerChange } from './consent-ledger.repository';

const TOPIC = 'lending.consent-events.v1';

/** A borrower's pseudonymous reference, as the filter derives it and the ledger stores it. */
const ref = (borrowerId: string): string => `ref:${borrowerId}`;

/** An in-memory ledger: rows by (topic, partition, offset), as the consent_event table keeps them. */
class FakeLedger {
  readonly rows: (LedgerChange & { topic: string })[] = [];
  factsForCalls: string[][] = [];
  changeQueries = 0;

  append(borrowerId: string, partition: number, fact: Partial<ConsentFact> = {}, topic = TOPIC, at?: bigint): void {
    const offset = at ?? BigInt(this.rows.filter((r) => r.topic === topic && r.partition === partition).length);
    this.rows.push({
      topic,
      borrowerRef: ref(borrowerId),
      partition,
      offset,
      fact: { consentId: `c${this.rows.length}`, version: 1, action: 'GRANTED', bureaus: ['pboc-crc'], effectiveAt: new Date(0), expiresAt: null, ...fact },
    });
  }

  position(topic = TOPIC): Map<number, bigint> {
    const positions = new Map<number, bigint>();
    for (const r of this.rows.filter((row) => row.topic === topic)) positions.set(r.partition, (positions.get(r.partition) ?? 0n) > r.offset + 1n ? positions.get(r.partition)! : r.offset + 1n);
    return positions;
  }

  async factsByRef(refs: readonly string[]): Promise<Map<string, ConsentFact[]>> {
    this.factsForCalls.push(refs.map((r) => r.replace('ref:', '')));
    return new Map(refs.map((ref) => [ref, this.rows.filter((r) => r.borrowerRef === ref).map((r) => r.fact)]));
  }

  async changesSince(topic: string, from: ReadonlyMap<number, bigint>, to: ReadonlyMap<number, bigint>, partitions: readonly number[], limit: number): Promise<LedgerChange[]> {
    this.changeQueries++;
    return partitions.flatMap((p) =>
      this.rows
        .filter((r) => r.topic === topic && r.partition === p && r.offset >= (from.get(p) ?? 0n) && (!to.has(p) || r.offset < to.get(p)!))
        .sort((a, b) => Number(a.offset - b.offset))
        .slice(0, limit),
    );
  }
}

describe('ConsentFactsCache', () => {
  it('reads uncached borrowers in one query and serves them from memory afterwards', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('b1'), ref('b2')], ledger.position());
    await cache.factsFor([ref('b1'), ref('b2')], ledger.position());
    expect(ledger.factsForCalls).toEqual([['b1', 'b2']]);
  });

  it('sees a withdrawal the ledger records after the borrower was cached', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('b1')], ledger.position());
    ledger.append('b1', 3, { consentId: 'w', action: 'WITHDRAWN' });
    const facts = await cache.factsFor([ref('b1')], ledger.position());
    expect(facts.get(ref('b1'))!.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
    expect(ledger.factsForCalls).toHaveLength(1);
  });

  it('does not duplicate a fact read both by the bulk query and the change feed', async () => {
    const ledger = new FakeLedger();
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('x')], ledger.position());
    ledger.append('b1', 0);
    // b1 is loaded with the new row included, then the change feed delivers the same row.
    await cache.factsFor([ref('b1')], new Map());
    const facts = await cache.factsFor([ref('b1')], ledger.position());
    expect(facts.get(ref('b1'))).toHaveLength(1);
  });

  it('evicts the least recently used borrowers beyond its bound and reloads them when needed', async () => {
    const ledger = new FakeLedger();
    const cache = new ConsentFactsCache(ledger, TOPIC, 2);
    await cache.factsFor([ref('a'), ref('b')], ledger.position());
    await cache.factsFor([ref('a')], ledger.position());
    await cache.factsFor([ref('c')], ledger.position());
    expect(cache.size).toBe(2);
    await cache.factsFor([ref('b')], ledger.position());
    expect(ledger.factsForCalls).toEqual([['a', 'b'], ['c'], ['b']]);
  });

  it('asks the ledger for changes only on partitions whose position moved since the last use', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    ledger.append('b2', 1);
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('b1'), ref('b2')], ledger.position());
    ledger.changeQueries = 0;

    await cache.factsFor([ref('b1'), ref('b2')], ledger.position());
    expect(ledger.changeQueries).toBe(0);

    ledger.append('b2', 1, { consentId: 'w', action: 'WITHDRAWN' });
    const facts = await cache.factsFor([ref('b2')], ledger.position());
    expect(ledger.changeQueries).toBe(1);
    expect(facts.get(ref('b2'))!.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
  });

  it('applies a backlog longer than one page of the change feed, page by page', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('b1')], ledger.position());
    for (let i = 0; i < CHANGE_PAGE * 2 + 1; i++) ledger.append(i === CHANGE_PAGE * 2 ? 'b1' : `other-${i}`, 0, i === CHANGE_PAGE * 2 ? { consentId: 'w', action: 'WITHDRAWN' } : {});
    ledger.changeQueries = 0;

    const facts = await cache.factsFor([ref('b1')], ledger.position());

    expect(facts.get(ref('b1'))!.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
    // 2 full pages, then the page holding the withdrawal: 2 * CHANGE_PAGE + 1 rows after the grant.
    expect(ledger.changeQueries).toBe(3);
  });

  it('is not moved past its own topic by rows another topic prefix recorded in the same database', async () => {
    const ledger = new FakeLedger();
    ledger.append('b1', 0);
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('b1')], ledger.position());
    // A benchmark on its own prefix records many consent events at far higher offsets of partition 0.
    for (let i = 0; i < 50; i++) ledger.append(`bench-${i}`, 0, {}, `bench.${TOPIC}`);
    await cache.factsFor([ref('b1')], ledger.position());
    // Then the borrower withdraws on the stack's own topic, at offset 1 of partition 0.
    ledger.append('b1', 0, { consentId: 'w', action: 'WITHDRAWN' });

    const facts = await cache.factsFor([ref('b1')], ledger.position());

    expect(facts.get(ref('b1'))!.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
  });

  it('is not moved past the ledger position by rows of an earlier generation of a recreated topic', async () => {
    const ledger = new FakeLedger();
    // The consent topic was deleted and created again under the same name: the ledger still holds the
    // old generation's rows at offsets 100-149 of partition 0, and the new one starts again at 0.
    for (let i = 0; i < 50; i++) ledger.append(`old-${i}`, 0, {}, TOPIC, 100n + BigInt(i));
    ledger.append('b1', 0, {}, TOPIC, 0n);
    const cache = new ConsentFactsCache(ledger, TOPIC, 100);
    await cache.factsFor([ref('b1')], new Map([[0, 1n]]));
    ledger.append('b2', 0, {}, TOPIC, 1n);
    await cache.factsFor([ref('b1')], new Map([[0, 2n]]));
    // The borrower withdraws: the new generation's offset 2, below the old rows.
    ledger.append('b1', 0, { consentId: 'w', action: 'WITHDRAWN' }, TOPIC, 2n);

    const facts = await cache.factsFor([ref('b1')], new Map([[0, 3n]]));

    expect(facts.get(ref('b1'))!.map((f) => f.action)).toEqual(['GRANTED', 'WITHDRAWN']);
  });
});

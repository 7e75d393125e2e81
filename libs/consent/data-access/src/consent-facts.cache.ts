import type { ConsentFact } from '@furnish/consent-domain';
import type { ConsentLedgerRepository, LedgerChange } from './consent-ledger.repository';

/**
 * The consent facts of recently seen borrowers, kept exactly in step with the ledger: before each
 * use it applies every ledger row of the consent topic between the last use's positions and this
 * use's (an indexed range read by partition and offset, in pages of CHANGE_PAGE rows per partition
 * so that a filter far behind does not load the whole backlog at once), so a withdrawal or grant
 * recorded by the ledger is never missed, whichever borrower it concerns. Borrowers not cached are read in one query. Least recently
 * used entries are evicted.
 */
/** Ledger rows read per partition and query when catching up. */
export const CHANGE_PAGE = 2_000;

export class ConsentFactsCache {
  private readonly entries = new Map<string, ConsentFact[]>();
  private synced: Map<number, bigint> | undefined;

  constructor(
    private readonly ledger: Pick<ConsentLedgerRepository, 'changesSince' | 'factsByRef'>,
    /** The consent topic whose positions `factsFor` is given (the ledger may hold other prefixes' rows). */
    private readonly consentTopic: string,
    private readonly maxBorrowers: number,
  ) {}

  /**
   * The facts of each borrower, by pseudonymous reference (as the ledger holds them), as recorded up
   * to at least `positions`, in ledger order. The caller derives the references: the filter keeps them
   * for its audit rows anyway, and deriving one (an HMAC) was 4% of its CPU.
   */
  async factsFor(borrowerRefs: readonly string[], positions: ReadonlyMap<number, bigint>): Promise<Map<string, ConsentFact[]>> {
    await this.catchUp(positions);
    const result = new Map<string, ConsentFact[]>();
    const missing: string[] = [];
    for (const ref of new Set(borrowerRefs)) {
      const cached = this.entries.get(ref);
      if (cached) {
        this.touch(ref, cached);
        result.set(ref, cached);
      } else {
        missing.push(ref);
      }
    }
    if (missing.length > 0) {
      for (const [ref, facts] of await this.ledger.factsByRef(missing)) {
        result.set(ref, facts);
        this.touch(ref, facts);
      }
    }
    this.evict();
    return result;
  }

  get size(): number {
    return this.entries.size;
  }

  private async catchUp(positions: ReadonlyMap<number, bigint>): Promise<void> {
    if (this.synced === undefined) {
      // Nothing is cached yet, so there is nothing to bring up to date.
      this.synced = new Map(positions);
      return;
    }
    // A partition whose position has not moved since the last use has nothing new: most chunks ask
    // the database nothing here, since consent events are rare next to loan events.
    const synced = this.synced;
    let partitions = [...new Set([...positions.keys(), ...synced.keys()])].filter((p) => !positions.has(p) || positions.get(p)! > (synced.get(p) ?? 0n));
    while (partitions.length > 0) {
      // Never past `positions`: rows beyond what the ledger has committed on this topic can only be a
      // recreated topic's older generation (same name, offsets from 0 again), and reading them would move
      // the cache past offsets the new generation has not reached yet.
      const changes = await this.ledger.changesSince(this.consentTopic, this.synced, positions, partitions, CHANGE_PAGE);
      const perPartition = new Map<number, number>();
      for (const change of changes) {
        this.apply(change);
        perPartition.set(change.partition, (perPartition.get(change.partition) ?? 0) + 1);
      }
      partitions = partitions.filter((p) => (perPartition.get(p) ?? 0) >= CHANGE_PAGE);
    }
    for (const [partition, offset] of positions) {
      if ((this.synced.get(partition) ?? 0n) < offset) this.synced.set(partition, offset);
    }
  }

  private apply(change: LedgerChange): void {
    const cached = this.entries.get(change.borrowerRef);
    const { consentId, version } = change.fact;
    if (cached && !cached.some((f) => f.consentId === consentId && f.version === version)) cached.push(change.fact);
    if ((this.synced!.get(change.partition) ?? 0n) <= change.offset) this.synced!.set(change.partition, change.offset + 1n);
  }

  private touch(ref: string, facts: ConsentFact[]): void {
    this.entries.delete(ref);
    this.entries.set(ref, facts);
  }

  private evict(): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.maxBorrowers) return;
      this.entries.delete(id);
    }
  }
}

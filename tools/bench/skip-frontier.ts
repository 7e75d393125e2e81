import type { Offsets } from '../kafka/topic-offsets';

/**
 * How far, per partition of the pipeline's topics, everything appended since the normal services
 * stopped is the bench's own, so their consumer groups can be moved past exactly that and no
 * further. The local stack is shared: if anyone else appends to a partition meanwhile, that
 * partition's frontier stops there, and the normal service later reads from it — re-reading some of
 * the bench's records rather than skipping someone else's.
 */
export class SkipFrontier {
  private readonly frontier = new Map<string, bigint>();
  private readonly foreign = new Set<string>();

  /**
   * Where to start: per partition, the end offset if the stopped group had consumed everything
   * (`safe`), else the group's committed offset (frozen: nothing after it may be skipped).
   */
  begin(ends: Offsets, committed: Offsets, safe: (key: string) => boolean): void {
    for (const [key, end] of ends) {
      if (safe(key)) {
        this.frontier.set(key, end);
      } else {
        this.frontier.set(key, committed.get(key) ?? 0n);
        this.foreign.add(key);
      }
    }
  }

  /**
   * The bench appended to these partitions between `start` and `end` (both end-offset snapshots),
   * and nobody else did in between (the caller checked). A start that is not the frontier means
   * someone else appended before it: that partition's frontier freezes.
   */
  appended(start: Offsets, end: Offsets): void {
    for (const [key, to] of end) {
      const from = start.get(key) ?? 0n;
      if (to === from || this.foreign.has(key) || !this.frontier.has(key)) continue;
      if (this.frontier.get(key) === from) this.frontier.set(key, to);
      else this.foreign.add(key);
    }
  }

  /** The offsets to commit for a stopped group, never behind what it has committed already. */
  skipTo(keys: Iterable<string>, committed: Offsets): Map<string, bigint> {
    const result = new Map<string, bigint>();
    for (const key of keys) {
      const to = this.frontier.get(key);
      const at = committed.get(key);
      if (to !== undefined && (at === undefined || to > at)) result.set(key, to);
    }
    return result;
  }

  /** Partitions someone else wrote to during the bench. */
  foreignPartitions(): string[] {
    return [...this.foreign].sort();
  }
}

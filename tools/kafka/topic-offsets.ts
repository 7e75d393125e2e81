import type { Admin } from 'kafkajs';

/** Offsets per topic-partition, keyed `topic:partition`. */
export type Offsets = ReadonlyMap<string, bigint>;

export const partitionKey = (topic: string, partition: number): string => `${topic}:${partition}`;

export function splitKey(key: string): { topic: string; partition: number } {
  const at = key.lastIndexOf(':');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}

/** Log end offsets (high watermarks) of every partition of `topics`. */
export async function endOffsets(admin: Admin, topics: readonly string[]): Promise<Offsets> {
  const result = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, offset } of await admin.fetchTopicOffsets(topic)) result.set(partitionKey(topic, partition), BigInt(offset));
  }
  return result;
}

/** A group's committed offsets on `topics`; partitions without a commit are absent. */
export async function committedOffsets(admin: Admin, groupId: string, topics: readonly string[]): Promise<Offsets> {
  const result = new Map<string, bigint>();
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const { partition, offset } of partitions) if (Number(offset) >= 0) result.set(partitionKey(topic, partition), BigInt(offset));
  }
  return result;
}

/**
 * What a consumer group must have committed to have consumed everything appended between `before`
 * and `after`: the end offset, or one less where the appends were transactional (the partition then
 * ends with a commit marker, which a consumer never commits past). Untouched partitions are omitted.
 */
export function drainTargets(before: Offsets, after: Offsets, transactional: boolean): Map<string, bigint> {
  const targets = new Map<string, bigint>();
  for (const [key, end] of after) {
    const start = before.get(key) ?? 0n;
    if (end > start) targets.set(key, transactional ? end - 1n : end);
  }
  return targets;
}

/** Records appended between two offset snapshots, less one commit marker per touched partition if transactional. */
export function appendedRecords(before: Offsets, after: Offsets, transactional: boolean): number {
  let total = 0n;
  for (const [key, end] of after) {
    const start = before.get(key) ?? 0n;
    if (end > start) total += end - start - (transactional ? 1n : 0n);
  }
  return Number(total);
}

/** True when `committed` has reached every target. */
export function reached(committed: Offsets, targets: ReadonlyMap<string, bigint>): boolean {
  for (const [key, target] of targets) if ((committed.get(key) ?? -1n) < target) return false;
  return true;
}

/** Records still to commit to reach the targets. */
export function remaining(committed: Offsets, targets: ReadonlyMap<string, bigint>, starts: Offsets): number {
  let total = 0n;
  for (const [key, target] of targets) {
    const at = committed.get(key) ?? starts.get(key) ?? 0n;
    if (at < target) total += target - at;
  }
  return Number(total);
}

import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DrainProcess } from './bench-process';
import { CpuMeter, type CpuUsage } from './cpu-accounting';
import type { GatedBatch } from './gated-batch';
import { MemoryWatch, type MemorySample, type MetricSamples } from './service-metrics';
import { committedOffsets, reached, remaining } from '../kafka/topic-offsets';

export interface DrainResult {
  readonly records: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Rate between 10% and 90% of the records committed: the drain without its first and last chunks. */
  readonly steadyPerSecond: number;
  readonly memory: MemorySample | undefined;
  readonly cpu: CpuUsage;
  /** The process's /metrics after the drain (counters of this drain only: the process is fresh). */
  readonly metrics: MetricSamples | undefined;
  readonly profile?: string;
}

export interface DrainOptions {
  readonly admin: Admin;
  readonly groupId: string;
  readonly gate: GatedBatch;
  readonly process: DrainProcess;
  /** Other processes whose CPU to account (broker, PostgreSQL), by name; the drained process is 'stage'. */
  readonly cpuSources: ReadonlyMap<string, () => readonly number[]>;
  readonly profile?: boolean;
  /** Members the group must have before the gate opens (replicas of the drained stage). */
  readonly members?: number;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
}

/**
 * Times one consumer group draining a gated batch: waits until the group is stable (the process
 * joined and is fetching, blocked at the open transaction), releases the gate, then polls the
 * group's committed offsets until they reach the batch's end. The end time is the midpoint between
 * the last poll that found work left and the first that found none.
 */
export async function measureDrain(options: DrainOptions): Promise<DrainResult> {
  const { admin, groupId, gate, process: drained, profile } = options;
  const pollMs = options.pollMs ?? 25;
  const timeoutMs = options.timeoutMs ?? 600_000;
  await waitUntilStable(admin, groupId, options.members ?? 1);
  await sleep(500); // first fetches issued: the consumer now waits at the gate
  if (profile) await drained.startProfile();
  const memory = new MemoryWatch(new Map([['stage', () => drained.memory()]])).start();
  const cpu = new CpuMeter(new Map([['stage', () => drained.pids], ...options.cpuSources])).start();
  const { releasedAt, targets } = await gate.release();
  const progress: Array<{ at: number; left: number }> = [];
  let previousPollAt = releasedAt;
  let finishedAt: number | undefined;
  while (finishedAt === undefined) {
    const pollAt = Date.now();
    const committed = await committedOffsets(admin, groupId, gate.topics);
    progress.push({ at: pollAt, left: remaining(committed, targets, gate.start) });
    if (reached(committed, targets)) finishedAt = (previousPollAt + pollAt) / 2;
    else if (pollAt - releasedAt > timeoutMs) throw new Error(`${drained.label} did not drain ${gate.count} records within ${timeoutMs / 1000} s`);
    else await sleep(pollMs);
    previousPollAt = pollAt;
  }
  const cpuUsage = cpu.stop();
  const profileFile = profile ? await drained.stopProfile() : undefined;
  const maxMemory = (await memory.stop()).get('stage');
  const metrics = await drained.metrics();
  const seconds = (finishedAt - releasedAt) / 1000;
  return {
    records: gate.count,
    seconds,
    perSecond: gate.count / seconds,
    steadyPerSecond: steadyRate(progress, gate.count),
    memory: maxMemory,
    cpu: cpuUsage,
    metrics,
    profile: profileFile,
  };
}

function steadyRate(progress: ReadonlyArray<{ at: number; left: number }>, total: number): number {
  const first = progress.find((p) => p.left <= total * 0.9);
  const last = progress.find((p) => p.left <= total * 0.1);
  if (!first || !last || last.at <= first.at) return Number.NaN;
  return (first.left - last.left) / ((last.at - first.at) / 1000);
}

/** Waits until the group has (at least) `members` members and is Stable (assignment done). */
export async function waitUntilStable(admin: Admin, groupId: string, members = 1, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { groups } = await admin.describeGroups([groupId]);
    if (groups[0]?.state === 'Stable' && groups[0].members.length >= members) return;
    if (Date.now() > deadline) throw new Error(`consumer group ${groupId} not stable with ${members} member(s) within ${timeoutMs / 1000} s (state ${groups[0]?.state}, ${groups[0]?.members.length ?? 0} members)`);
    await sleep(100);
  }
}

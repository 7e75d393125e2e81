import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { committedOffsets, drainTargets, endOffsets, reached, type Offsets } from '../kafka/topic-offsets';

/** One stage of the chain: its group, its input topics, and whether those are written transactionally. */
export interface ChainStage {
  readonly groupId: string;
  readonly inputTopics: readonly string[];
  readonly transactionalInput: boolean;
}

/**
 * Waits until every stage of the chain has committed everything its upstream appended since
 * `starts` (offsets of all input topics taken before the phase): first stage up to the given input
 * end offsets, then each next stage up to its input's end offsets read once the stage before it
 * is done (only that stage writes there). Stages commit offsets in the transaction that commits
 * their outputs, so when the last stage is done, every output is on the outbound topics.
 * Returns when (epoch ms, midpoint of the last two polls) the last stage finished.
 */
export async function waitForChain(
  admin: Admin,
  chain: readonly ChainStage[],
  starts: Offsets,
  firstInputEnds: Offsets,
  options: { pollMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const pollMs = options.pollMs ?? 25;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let ends = firstInputEnds;
  let previousPollAt = Date.now();
  let finishedAt = previousPollAt;
  for (const [i, stage] of chain.entries()) {
    if (i > 0) ends = await settledEndOffsets(admin, stage.inputTopics);
    const targets = drainTargets(starts, ends, stage.transactionalInput);
    for (;;) {
      const pollAt = Date.now();
      if (reached(await committedOffsets(admin, stage.groupId, stage.inputTopics), targets)) {
        finishedAt = (previousPollAt + pollAt) / 2;
        previousPollAt = pollAt;
        break;
      }
      if (pollAt > deadline) throw new Error(`consumer group ${stage.groupId} did not catch up in time: is the service running?`);
      previousPollAt = pollAt;
      await sleep(pollMs);
    }
  }
  return finishedAt;
}

/**
 * End offsets once the last transaction's commit markers are written: kafkajs reads end offsets
 * read_committed, and the broker writes markers just after it acknowledges a commit, so a read
 * right after the upstream stage finished could miss its last transaction.
 */
async function settledEndOffsets(admin: Admin, topics: readonly string[]): Promise<Offsets> {
  let previous = await endOffsets(admin, topics);
  for (;;) {
    await sleep(20);
    const now = await endOffsets(admin, topics);
    if ([...now].every(([key, offset]) => previous.get(key) === offset)) return now;
    previous = now;
  }
}

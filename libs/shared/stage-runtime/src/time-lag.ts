import type { PartitionSession } from './partition-session';

/**
 * Now minus the broker time of the oldest input record not yet committed; 0 when nothing is
 * pending. Before that record has been fetched its time is unknown: the lag then counts from the
 * first sample that saw the committed offset where it is with records pending, a lower bound that
 * keeps growing while the partition does not move.
 */
export function timeLagSeconds(session: PartitionSession, committedOffset: bigint, lag: number, now: number): number {
  if (lag === 0) {
    session.pendingSeen = undefined;
    return 0;
  }
  if (session.pendingSeen?.offset !== committedOffset) session.pendingSeen = { offset: committedOffset, at: now };
  return Math.max(0, now - (session.oldestPendingTimestamp ?? session.pendingSeen.at)) / 1000;
}

/**
 * What an input partition of a stage can be doing, as an explicit state machine (kafkajs keeps one
 * for its own transactions, eosManager/transactionStateMachine.js). Every fault lands in a named
 * state, so "is this partition making progress?" has one answer and illegal moves throw.
 *
 *   unfenced ──► fencing ──► ready ──► processing ──► committing ──► ready
 *      ▲            │          │  │        │  ▲           ▲  │
 *      │            ▼          ▼  │        ▼  │           │  ▼
 *      └──────── halted ◄──────┘  │     waiting           │  unfenced (commit failed: outcome unknown)
 *                                 └───────────────────────┘  (only offsets: markers, aborted records)
 *
 * - unfenced: assigned in this group generation (or its producer was discarded after a failed
 *   commit); nothing may be read until this instance's producer has fenced the previous owner.
 * - fencing: InitProducerId in flight, then the committed offset is read, after the fence.
 * - ready: fenced, and the position the next chunk must start at is known.
 * - processing / waiting: a chunk is being decoded and run through the stage; waiting while a
 *   dependency (database, registry, Kafka) is unavailable.
 * - committing: the chunk's transaction is being sent and committed.
 * - halted: a deployment or configuration fault; consumption is paused until a retry succeeds.
 * - revoked: the partition belongs to another instance now.
 */
export const PARTITION_STATES = ['unfenced', 'fencing', 'ready', 'processing', 'waiting', 'committing', 'halted', 'revoked'] as const;
export type PartitionState = (typeof PARTITION_STATES)[number];

export const LEGAL_TRANSITIONS: Readonly<Record<PartitionState, readonly PartitionState[]>> = {
  unfenced: ['fencing', 'revoked'],
  fencing: ['ready', 'unfenced', 'halted', 'revoked'],
  // straight to committing: a fetched batch of only transaction markers and aborted records, whose
  // offsets are committed with nothing to publish
  ready: ['processing', 'committing', 'unfenced', 'revoked'],
  // back to ready: the chunk was abandoned before its transaction began (shutdown, a failure the
  // runtime retries by re-reading from the same position with the same producer)
  processing: ['waiting', 'committing', 'ready', 'halted', 'unfenced'],
  waiting: ['processing', 'ready', 'halted', 'unfenced'],
  committing: ['ready', 'unfenced', 'halted'],
  halted: ['unfenced', 'revoked'],
  revoked: ['unfenced'],
};

/** A move the table does not allow: a bug in the runtime, never a data problem. */
export class IllegalPartitionTransitionError extends Error {
  constructor(
    readonly from: PartitionState,
    readonly to: PartitionState,
  ) {
    super(`partition state cannot go from ${from} to ${to}`);
    this.name = 'IllegalPartitionTransitionError';
  }
}

/** States in which the partition is not moving forward (for readiness and stall detection). */
export const STALLED_STATES: ReadonlySet<PartitionState> = new Set(['waiting', 'halted']);

export function assertTransition(from: PartitionState, to: PartitionState): void {
  if (!LEGAL_TRANSITIONS[from].includes(to)) throw new IllegalPartitionTransitionError(from, to);
}

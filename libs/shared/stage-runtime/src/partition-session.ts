import type { ErrorCode } from '@furnish/shared-util-errors';
import type { PartitionProducer } from './partition-producer';
import { assertTransition, STALLED_STATES, type PartitionState } from './partition-states';

/**
 * One input partition as this instance owns it: its state, its producer (only while fenced), the
 * offset the next chunk must start at, and a queue that runs its work one task at a time (batches,
 * offset-only commits of filtered batches, revocation), so no two transactions of a partition ever
 * overlap and a rebalance never pulls a producer from under a running commit.
 */
export class PartitionSession {
  private current: PartitionState = 'unfenced';
  private tail: Promise<unknown> = Promise.resolve();
  private producerOfThisOwnership: PartitionProducer | undefined;
  /** The next offset to process: this partition's committed offset, as confirmed after the fence. */
  position: string | undefined;
  /** Why it is halted, while it is. */
  haltedBy: ErrorCode | undefined;
  /** When it entered a state where it makes no progress (waiting, halted, repeated failures). */
  private stalledSince: number | undefined;
  consecutiveFailures = 0;
  /** Broker time (epoch ms) of the oldest record seen and not yet committed; undefined when none. */
  oldestPendingTimestamp: number | undefined;
  /** The committed offset a lag sample first saw with records pending, and when (epoch ms): see timeLagSeconds. */
  pendingSeen: { readonly offset: bigint; readonly at: number } | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): PartitionState {
    return this.current;
  }

  get producer(): PartitionProducer | undefined {
    return this.producerOfThisOwnership;
  }

  get key(): string {
    return `${this.topic}:${this.partition}`;
  }

  transition(to: PartitionState): void {
    assertTransition(this.current, to);
    this.current = to;
    if (STALLED_STATES.has(to)) this.stalledSince ??= this.now();
  }

  /** A new ownership (a new group generation or a reassignment): nothing carries over but the position. */
  reset(): void {
    this.consecutiveFailures = 0;
    this.stalledSince = undefined;
    this.haltedBy = undefined;
    this.oldestPendingTimestamp = undefined;
    this.pendingSeen = undefined;
  }

  /**
   * The escape hatch when the runtime itself failed mid-task (a bug, e.g. an illegal transition):
   * whatever the state, the partition starts over from a fence, so a bug costs a retry, never a
   * partition stuck in a state no batch can leave.
   */
  startOver(): void {
    this.current = 'unfenced';
    this.failed();
  }

  /** Milliseconds it has been unable to make progress, 0 when it is progressing. */
  stalledForMs(): number {
    return this.stalledSince === undefined ? 0 : this.now() - this.stalledSince;
  }

  /** After a fence: the producer that now owns the partition and where to start. */
  fenced(producer: PartitionProducer, position: string | undefined): void {
    this.transition('ready');
    this.producerOfThisOwnership = producer;
    this.position = position;
  }

  /** Gives up the producer (after a failed commit, a halt, a new generation or revocation). */
  async releaseProducer(): Promise<void> {
    const producer = this.producerOfThisOwnership;
    this.producerOfThisOwnership = undefined;
    await producer?.discard();
  }

  committed(nextOffset: string): void {
    this.transition('ready');
    this.position = nextOffset;
    this.consecutiveFailures = 0;
    this.stalledSince = undefined;
  }

  /**
   * What a fetched batch that held only transaction markers and aborted records, from `first` to
   * `last`, allows. Only a batch that covers the position proves that everything from there to
   * `last` is markers or aborted records: commit past it. One that starts further on (kafkajs
   * fetched ahead of the position) says nothing about the records in between: committing past it
   * could skip them, so they are read again. One that ends before the position is already behind.
   * (No topic of the pipeline is compacted, where the position's own record could be gone.)
   */
  afterFilteredBatch(first: string, last: string): 'commit' | 'read-again' | 'nothing' {
    if (this.position === undefined || BigInt(last) < BigInt(this.position)) return 'nothing';
    return BigInt(first) > BigInt(this.position) ? 'read-again' : 'commit';
  }

  failed(): void {
    this.consecutiveFailures++;
    this.stalledSince ??= this.now();
  }

  /** Runs `task` after every task queued before it; a failing task does not stop the queue. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

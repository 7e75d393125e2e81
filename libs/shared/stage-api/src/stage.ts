import type { FurnishError } from '@furnish/shared-util-errors';
import type { EncodedValue } from './encoded-value';

/** An input message's headers, read on demand. */
export interface RecordHeaders {
  /** The first value of header `name` as UTF-8 text; undefined when the message does not carry it. */
  text(name: string): string | undefined;
}

/** A decoded input message with the transport facts a stage may need, and nothing Kafka-specific. */
export interface InputRecord<T> {
  readonly key: string | null;
  readonly value: T;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The Kafka record timestamp. */
  readonly timestamp: Date;
  /** Headers an earlier stage wrote (e.g. the consent filter's decision time); absent on a record another producer wrote. */
  readonly headers: RecordHeaders;
  /**
   * The whole value in a form an output can embed (as its bytes when it arrived in the current
   * schema). When the topic is read through a projection, `value` holds only the projection's fields
   * and this is the only way to the rest.
   */
  readonly encoded: EncodedValue<unknown>;
}

/** A record to publish; the runtime encodes `value` with the schema declared for `topic`. */
export interface OutputRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * What kind of record this is, from a closed set the stage owns (e.g. an OutboundRecord's
   * recordKind): a metric label, never record content.
   */
  readonly kind?: string;
}

/**
 * What became of one input record:
 * - `outputs`: publish these (an empty list means the record is consumed with nothing to publish,
 *   e.g. a consent event stored in the ledger, or a loan event withheld for every bureau).
 * - `failure`: the record is at fault; it goes to the dead-letter topic with this error.
 */
export type RecordOutcome = { readonly outputs: readonly OutputRecord[] } | { readonly failure: FurnishError };

/**
 * One consume → transform → produce step. The runtime gives `process` the records of one input
 * partition in offset order, commits everything it returns together with the input offsets in one
 * Kafka transaction, and dead-letters undecodable records before they reach the stage.
 *
 * Throwing from `process` fails the whole batch: the runtime retries according to the error's
 * disposition (FurnishError) and, for anything but `wait`, retries records one by one to isolate
 * the one at fault before dead-lettering it.
 */
export interface Stage<I> {
  readonly name: string;
  readonly inputTopics: readonly string[];
  /**
   * Input topics another stage owns, read here for side information (the formatter reads consent
   * events for invalidations; the ledger owns them). A record of one that cannot be decoded is
   * skipped, not dead-lettered: its owner dead-letters it, once.
   */
  readonly observedTopics?: readonly string[];
  /** Every topic `process` may publish to; checked at start-up against the schema catalogue. */
  readonly outputTopics: readonly string[];
  process(records: readonly InputRecord<I>[]): Promise<readonly RecordOutcome[]>;
}

/** What the runtime will commit for one decoded input record of a chunk. */
export type SettledRecord<I> =
  | { readonly record: InputRecord<I>; readonly outputs: readonly OutputRecord[] }
  | { readonly record: InputRecord<I>; readonly failure: FurnishError };

/**
 * Optional: told, after every output is encoded and before the chunk's Kafka transaction commits,
 * what becomes of each decoded record — published outputs, or the failure it is dead-lettered with
 * (whether `process` returned it or the runtime found it, e.g. an output too large for its topic).
 * Stages that keep an audit trail record there what they really furnished. Throwing fails the
 * chunk like a failing `process` (a `wait` error waits and retries); nothing is committed.
 */
export interface SettlementAware<I> {
  settled(records: readonly SettledRecord<I>[]): Promise<void>;
}

export const isSettlementAware = <I>(stage: Stage<I>): stage is Stage<I> & SettlementAware<I> =>
  typeof (stage as Partial<SettlementAware<I>>).settled === 'function';

/**
 * Optional: told, after the chunk's Kafka transaction committed, the same records `settled` was told
 * about. For work that must wait until the outputs are certainly published — above all, dropping
 * what a retry of the chunk would need to build them again. Runs once, best effort: the chunk is
 * committed whatever happens, so an error is logged and counted by the runtime, never retried.
 */
export interface CommitAware<I> {
  committed(records: readonly SettledRecord<I>[]): Promise<void>;
}

export const isCommitAware = <I>(stage: Stage<I>): stage is Stage<I> & CommitAware<I> => typeof (stage as Partial<CommitAware<I>>).committed === 'function';

export const emit = (...outputs: OutputRecord[]): RecordOutcome => ({ outputs });
export const fail = (failure: FurnishError): RecordOutcome => ({ failure });
export const isFailure = (outcome: RecordOutcome): outcome is { readonly failure: FurnishError } => 'failure' in outcome;

import type { KafkaMessage, Message, TopicMessages } from 'kafkajs';
import type { EncodedValue, InputRecord, OutputRecord, Stage, StageObserver } from '@furnish/shared-stage-api';
import { isFailure, isSettlementAware, type SettledRecord } from '@furnish/shared-stage-api';
import type { FurnishError } from '@furnish/shared-util-errors';
import { classifyError } from './classify-error';
import { deadLetterMessage } from './dead-letter';
import type { DeadLetterKeyRing } from './dead-letter-keys';
import { RecordTooLargeError, StageContractError, StageStoppingError } from './errors';
import { HEADERS } from './headers';
import { epochMillisHeader, headerText, MessageHeaders } from './kafka-headers';
import { fitsTopic } from './record-size';
import { backoffDelay, type RetryPolicy } from './retry-policy';

/** Encodes and decodes values by topic; AvroSerde in production. */
export interface RecordCodec {
  encode(topic: string, value: unknown): Promise<Buffer>;
  /** The value, and its bytes when a stage may embed them in an output unchanged. */
  decodeRecord<T>(topic: string, message: Buffer | null): Promise<{ readonly value: T; readonly encoded: EncodedValue<unknown> }>;
}

/** Lets long waits keep the consumer's group membership alive and notice a shutdown. */
export interface ChunkControl {
  heartbeat(): Promise<void>;
  shouldStop(): boolean;
  sleep(ms: number): Promise<void>;
  /** Called when the chunk starts and stops waiting for an unavailable dependency. */
  waiting?(active: boolean, error: FurnishError): void;
}

export interface ChunkProcessorDeps {
  readonly stage: Stage<unknown>;
  readonly codec: RecordCodec;
  readonly deadLetterTopic: string;
  /** Seals dead letters (DLQ_KEK_FILE): no dead letter is written in the clear. */
  readonly deadLetterKeys: DeadLetterKeyRing;
  readonly retry: RetryPolicy;
  readonly observer: StageObserver;
  /** The largest record batch a topic accepts (its max.message.bytes); unlimited when absent. */
  readonly limitOf?: (topic: string) => number;
}

/** Everything one chunk of input commits atomically. */
export interface ChunkResult {
  readonly topicMessages: TopicMessages[];
  /** Each dead letter's error code and the declared rules its record breaks. */
  readonly deadLetters: readonly Pick<FurnishError, 'code' | 'ruleIds'>[];
  /** Origin time (epoch ms) of each input record that produced outputs, for end-to-end latency. */
  readonly originTimes: readonly number[];
  /** Every output record (dead letters excepted): its topic, kind and its input's origin time (epoch ms). */
  readonly outputs: readonly { readonly topic: string; readonly kind: string | undefined; readonly originTime: number }[];
  /** What each decoded record became, as the stage's `settled` was told (for its `committed`). */
  readonly settled: readonly SettledRecord<unknown>[];
}

interface Decoded {
  readonly message: KafkaMessage;
  readonly record?: InputRecord<unknown>;
  failure?: FurnishError;
  outputs?: readonly OutputRecord[];
}

/**
 * Turns one chunk of one partition's messages into the messages to publish: decode, run the stage
 * with the retry rules of each error's disposition, encode, and dead-letter what is at fault.
 *
 * Throws (and so commits nothing) only when no record of the chunk can be judged: a `halt`
 * (deployment fault) from any step, or a shutdown while waiting. A record's own fault never
 * fails the chunk: it becomes that record's dead letter.
 */
export async function processChunk(
  deps: ChunkProcessorDeps,
  source: { topic: string; partition: number; messages: readonly KafkaMessage[] },
  control: ChunkControl,
): Promise<ChunkResult> {
  const decoded = await decodeAll(deps, source, control);
  const good = decoded.filter((d) => d.record !== undefined && d.failure === undefined);
  await runStage(deps, good, control);
  const published = new Map<string, Message[]>();
  const originTimes: number[] = [];
  const outputs: { topic: string; kind: string | undefined; originTime: number }[] = [];
  for (const item of decoded) {
    if (item.failure || !item.outputs) continue;
    const encoded = await encodeOutputs(deps, item, control);
    if (!encoded) continue;
    for (const { topic, message } of encoded) {
      const list = published.get(topic) ?? [];
      list.push(message);
      published.set(topic, list);
    }
    if (encoded.length > 0) originTimes.push(originTime(item.message));
    for (const output of item.outputs) outputs.push({ topic: output.topic, kind: output.kind, originTime: originTime(item.message) });
  }
  const deadLetters: Pick<FurnishError, 'code' | 'ruleIds'>[] = [];
  const dlq: Message[] = [];
  for (const item of decoded) {
    if (!item.failure) continue;
    deadLetters.push({ code: item.failure.code, ruleIds: item.failure.ruleIds });
    dlq.push(
      deadLetterMessage(
        deps.stage.name,
        { topic: source.topic, partition: source.partition, message: item.message },
        item.failure,
        deps.deadLetterKeys,
        deps.limitOf?.(deps.deadLetterTopic),
      ),
    );
  }
  if (dlq.length > 0) published.set(deps.deadLetterTopic, [...(published.get(deps.deadLetterTopic) ?? []), ...dlq]);
  const settled = await reportSettlement(deps, decoded, control);
  return {
    settled,
    topicMessages: [...published].map(([topic, messages]) => ({ topic, messages })),
    deadLetters,
    originTimes,
    outputs,
  };
}

/** Tells a stage that wants to know what each decoded record of the chunk becomes (Stage API, SettlementAware). */
async function reportSettlement(deps: ChunkProcessorDeps, decoded: readonly Decoded[], control: ChunkControl): Promise<SettledRecord<unknown>[]> {
  const stage = deps.stage;
  const settled: SettledRecord<unknown>[] = [];
  for (const item of decoded) {
    if (!item.record) continue;
    if (item.failure) settled.push({ record: item.record, failure: item.failure });
    else if (item.outputs) settled.push({ record: item.record, outputs: item.outputs });
  }
  if (settled.length > 0 && isSettlementAware(stage)) await withDependencyWait(deps, control, () => stage.settled(settled));
  return settled;
}

async function decodeAll(
  deps: ChunkProcessorDeps,
  source: { topic: string; partition: number; messages: readonly KafkaMessage[] },
  control: ChunkControl,
): Promise<Decoded[]> {
  const result: Decoded[] = [];
  for (const message of source.messages) {
    let decoded: Awaited<ReturnType<RecordCodec['decodeRecord']>>;
    try {
      decoded = await withDependencyWait(deps, control, () => deps.codec.decodeRecord(source.topic, message.value));
    } catch (e) {
      const failure = recordFailure(e);
      // Another stage owns the topic and dead-letters the record; this one only skips it.
      result.push(deps.stage.observedTopics?.includes(source.topic) ? { message } : { message, failure });
      continue;
    }
    result.push({
      message,
      record: {
        key: message.key?.toString('utf8') ?? null,
        value: decoded.value,
        encoded: decoded.encoded,
        topic: source.topic,
        partition: source.partition,
        offset: message.offset,
        timestamp: new Date(Number(message.timestamp)),
        headers: new MessageHeaders(message.headers),
      },
    });
  }
  return result;
}

/**
 * Runs the stage over the whole chunk. `wait` failures are retried until the dependency returns;
 * `halt` stops the chunk; any other failure is retried up to the policy's attempts, then records
 * are run one at a time so only the one at fault is dead-lettered.
 */
async function runStage(deps: ChunkProcessorDeps, items: Decoded[], control: ChunkControl): Promise<void> {
  if (items.length === 0) return;
  let lastError: FurnishError | undefined;
  for (let attempt = 1; attempt <= deps.retry.maxAttempts; attempt++) {
    try {
      applyOutcomes(items, await withDependencyWait(deps, control, () => deps.stage.process(items.map((i) => i.record!))));
      return;
    } catch (e) {
      lastError = recordFailure(e);
      if (lastError.disposition === 'dead-letter' || attempt === deps.retry.maxAttempts) break;
      deps.observer.retried('retry');
      await pause(control, backoffDelay(deps.retry, attempt));
    }
  }
  if (items.length === 1) {
    items[0].failure = lastError;
    return;
  }
  for (const item of items) await runStage(deps, [item], control);
}

function applyOutcomes(items: Decoded[], outcomes: readonly unknown[]): void {
  if (outcomes.length !== items.length) {
    throw new StageContractError(`stage returned ${outcomes.length} outcomes for ${items.length} records`);
  }
  outcomes.forEach((outcome, i) => {
    const typed = outcome as Parameters<typeof isFailure>[0];
    if (isFailure(typed)) items[i].failure = typed.failure;
    else items[i].outputs = typed.outputs;
  });
}

interface Encoded {
  readonly topic: string;
  readonly message: Message;
}

/**
 * All of a record's outputs or none: a record whose output cannot be encoded, or would not fit its
 * topic, is dead-lettered.
 */
async function encodeOutputs(deps: ChunkProcessorDeps, item: Decoded, control: ChunkControl): Promise<Encoded[] | undefined> {
  const encoded: Encoded[] = [];
  const origin = String(originTime(item.message));
  try {
    for (const output of item.outputs ?? []) {
      if (!deps.stage.outputTopics.includes(output.topic)) {
        throw new StageContractError(`stage ${deps.stage.name} produced to undeclared topic ${output.topic}`);
      }
      const value = await withDependencyWait(deps, control, () => deps.codec.encode(output.topic, output.value));
      const message: Message = { key: output.key, value, headers: { ...output.headers, [HEADERS.originTime]: origin } };
      const limit = deps.limitOf?.(output.topic);
      if (limit !== undefined && !fitsTopic(message, limit)) throw new RecordTooLargeError(output.topic, limit);
      encoded.push({ topic: output.topic, message });
    }
    return encoded;
  } catch (e) {
    item.failure = recordFailure(e);
    return undefined;
  }
}

/**
 * An error from one record's decode, processing or encoding, as that record's failure; errors that
 * are no record's fault (halt, a shutdown) are rethrown to stop the chunk.
 */
function recordFailure(e: unknown): FurnishError {
  if (e instanceof StageStoppingError) throw e;
  const error = classifyError(e);
  if (error.disposition === 'halt') throw error;
  return error;
}

/** Retries `fn` for as long as it fails with a `wait`-disposition error, heartbeating meanwhile. */
async function withDependencyWait<T>(deps: ChunkProcessorDeps, control: ChunkControl, fn: () => Promise<T>): Promise<T> {
  let waitingFor: FurnishError | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await fn();
      if (waitingFor) control.waiting?.(false, waitingFor);
      return value;
    } catch (e) {
      const error = classifyError(e);
      if (error.disposition !== 'wait') {
        if (waitingFor) control.waiting?.(false, waitingFor);
        throw e;
      }
      if (!waitingFor) control.waiting?.(true, error);
      waitingFor = error;
      deps.observer.retried('wait');
      await pause(control, backoffDelay(deps.retry, attempt));
    }
  }
}

async function pause(control: ChunkControl, ms: number): Promise<void> {
  if (control.shouldStop()) throw new StageStoppingError();
  await control.sleep(ms);
  if (control.shouldStop()) throw new StageStoppingError();
  await control.heartbeat();
}

/** When the originating event was published: carried in a header through every stage, else this record's broker time. */
export function originTime(message: KafkaMessage): number {
  return epochMillisHeader(headerText(message.headers, HEADERS.originTime)) ?? Number(message.timestamp);
}

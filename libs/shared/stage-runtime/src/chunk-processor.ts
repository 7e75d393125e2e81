import type { KafkaMessage, Message, TopicMessages } from 'kafkajs';
import type { EncodedValue, InputRecord, OutputRecord, Stage } from '@furnish/shared-stage-api';
import { isFailure } from '@furnish/shared-stage-api';
import { isFurnishError, type ErrorCode, type FurnishError } from '@furnish/shared-util-errors';
import { deadLetterMessage } from './dead-letter';
import { StageContractError, StageStoppingError, asFurnishError } from './errors';
import { HEADERS } from './headers';
import { backoffDelay, type RetryPolicy } from './retry-policy';
import type { StageObserver } from '@furnish/shared-stage-api';

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
}

export interface ChunkProcessorDeps {
  readonly stage: Stage<unknown>;
  readonly codec: RecordCodec;
  readonly deadLetterTopic: string;
  readonly retry: RetryPolicy;
  readonly observer: StageObserver;
}

/** Everything one chunk of input commits atomically. */
export interface ChunkResult {
  readonly topicMessages: TopicMessages[];
  readonly deadLetters: readonly ErrorCode[];
  /** Origin time (epoch ms) of each input record that produced outputs, for end-to-end latency. */
  readonly originTimes: readonly number[];
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
  }
  const deadLetters: ErrorCode[] = [];
  const dlq: Message[] = [];
  for (const item of decoded) {
    if (!item.failure) continue;
    deadLetters.push(item.failure.code);
    dlq.push(deadLetterMessage(deps.stage.name, { topic: source.topic, partition: source.partition, message: item.message }, item.failure));
  }
  if (dlq.length > 0) published.set(deps.deadLetterTopic, [...(published.get(deps.deadLetterTopic) ?? []), ...dlq]);
  return {
    topicMessages: [...published].map(([topic, messages]) => ({ topic, messages })),
    deadLetters,
    originTimes,
  };
}

async function decodeAll(
  deps: ChunkProcessorDeps,
  source: { topic: string; partition: number; messages: readonly KafkaMessage[] },
  control: ChunkControl,
): Promise<Decoded[]> {
  const result: Decoded[] = [];
  for (const message of source.messages) {
    const decoded = await withDependencyWait(deps, source, control, () => deps.codec.decodeRecord(source.topic, message.value)).catch(
      (e: unknown) => {
        if (e instanceof StageStoppingError) throw e;
        return asFurnishError(e);
      },
    );
    if (isFurnishError(decoded)) {
      result.push({ message, failure: decoded });
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
      },
    });
  }
  return result;
}

/**
 * Runs the stage over the whole chunk. `wait` failures are retried until the dependency returns;
 * any other failure is retried up to the policy's attempts, then records are run one at a time so
 * only the one at fault is dead-lettered.
 */
async function runStage(deps: ChunkProcessorDeps, items: Decoded[], control: ChunkControl): Promise<void> {
  if (items.length === 0) return;
  const source = { topic: items[0].record!.topic, partition: items[0].record!.partition };
  let lastError: FurnishError | undefined;
  for (let attempt = 1; attempt <= deps.retry.maxAttempts; attempt++) {
    try {
      applyOutcomes(items, await withDependencyWait(deps, source, control, () => deps.stage.process(items.map((i) => i.record!))));
      return;
    } catch (e) {
      if (e instanceof StageStoppingError) throw e;
      lastError = asFurnishError(e);
      if (lastError.disposition === 'dead-letter' || attempt === deps.retry.maxAttempts) break;
      deps.observer.retried('retry');
      await pause(deps, control, attempt);
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

/** All of a record's outputs or none: a record whose output cannot be encoded is dead-lettered. */
async function encodeOutputs(deps: ChunkProcessorDeps, item: Decoded, control: ChunkControl): Promise<Encoded[] | undefined> {
  const encoded: Encoded[] = [];
  const origin = String(originTime(item.message));
  const source = { topic: item.record!.topic, partition: item.record!.partition };
  try {
    for (const output of item.outputs ?? []) {
      if (!deps.stage.outputTopics.includes(output.topic)) {
        throw new StageContractError(`stage ${deps.stage.name} produced to undeclared topic ${output.topic}`);
      }
      const value = await withDependencyWait(deps, source, control, () => deps.codec.encode(output.topic, output.value));
      encoded.push({ topic: output.topic, message: { key: output.key, value, headers: { ...output.headers, [HEADERS.originTime]: origin } } });
    }
    return encoded;
  } catch (e) {
    if (e instanceof StageStoppingError) throw e;
    item.failure = asFurnishError(e);
    return undefined;
  }
}

/** Retries `fn` for as long as it fails with a `wait`-disposition error, heartbeating meanwhile. */
async function withDependencyWait<T>(
  deps: ChunkProcessorDeps,
  source: { topic: string; partition: number },
  control: ChunkControl,
  fn: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await fn();
      if (attempt > 1) deps.observer.waiting(source.topic, source.partition, false);
      return value;
    } catch (e) {
      if (asFurnishError(e).disposition !== 'wait') {
        if (attempt > 1) deps.observer.waiting(source.topic, source.partition, false);
        throw e;
      }
      if (attempt === 1) deps.observer.waiting(source.topic, source.partition, true);
      deps.observer.retried('wait');
      await pause(deps, control, attempt);
    }
  }
}

async function pause(deps: ChunkProcessorDeps, control: ChunkControl, attempt: number): Promise<void> {
  if (control.shouldStop()) throw new StageStoppingError();
  await control.sleep(backoffDelay(deps.retry, attempt));
  if (control.shouldStop()) throw new StageStoppingError();
  await control.heartbeat();
}

function originTime(message: KafkaMessage): number {
  const header = message.headers?.[HEADERS.originTime];
  const fromHeader = header === undefined ? NaN : Number(Array.isArray(header) ? header[0] : header.toString());
  return Number.isFinite(fromHeader) ? fromHeader : Number(message.timestamp);
}

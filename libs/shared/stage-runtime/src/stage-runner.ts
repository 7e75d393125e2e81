import type { LoggerService } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Stage } from '@furnish/shared-stage-api';
import { processChunk, type ChunkControl, type RecordCodec } from './chunk-processor';
import { StageStoppingError, describeFailure } from './errors';
import { backoffDelay, type RetryPolicy } from './retry-policy';
import type { StageObserver } from '@furnish/shared-stage-api';
import { TransactionalProducers } from './transactional-producers';

export interface StageRunnerOptions {
  readonly stage: Stage<unknown>;
  readonly kafka: Kafka;
  readonly codec: RecordCodec;
  readonly groupId: string;
  readonly deadLetterTopic: string;
  readonly retry: RetryPolicy;
  /** Records per transaction; a fetched batch is split into chunks of at most this many. */
  readonly chunkSize: number;
  readonly partitionsConsumedConcurrently: number;
  readonly observer: StageObserver;
  readonly logger: LoggerService;
  /** Read the input topics from the beginning when the group has no committed offset. */
  readonly fromBeginning?: boolean;
}

/**
 * Runs a Stage on Kafka with exactly-once delivery: each chunk's outputs, dead letters and input
 * offset are committed in one transaction on the input partition's producer; anything that fails
 * is aborted and re-read from the last committed offset, so nothing is lost or duplicated.
 */
export class StageRunner {
  private readonly consumer: Consumer;
  private readonly producers: TransactionalProducers;
  private stopping = false;
  private joined = false;
  private readonly failedCommits = new Map<string, number>();

  constructor(private readonly options: StageRunnerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 250,
    });
    this.producers = new TransactionalProducers(options.kafka, options.groupId, options.retry);
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      const assigned = new Set(
        Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((p) => TransactionalProducers.key(topic, p)),
        ),
      );
      void this.producers.retainOnly(assigned);
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      options.logger.error(`consumer crashed (${describeFailure(payload.error)}); restart: ${payload.restart}`);
    });
    this.consumer.on(this.consumer.events.STOP, () => {
      this.joined = false;
    });
  }

  /** Ready once the consumer has joined its group and until it stops or crashes. */
  isReady(): boolean {
    return this.joined && !this.stopping;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.stage.inputTopics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Finishes (or abandons, uncommitted) the in-flight chunks, leaves the group, closes producers. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.producers.closeAll();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const control: ChunkControl = {
      heartbeat,
      shouldStop: () => this.stopping || !isRunning() || isStale(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    const all = [...chunks(batch.messages, this.options.chunkSize)];
    for (const [i, chunk] of all.entries()) {
      if (control.shouldStop()) return;
      // The last chunk commits past the batch's end, which counts transaction markers after the
      // last message: otherwise a transactionally written topic's committed offset stays one short
      // of its end, and whoever compares it with the end (the consent filter) would wait forever.
      const through = i === all.length - 1 ? batch.lastOffset() : chunk[chunk.length - 1].offset;
      const committed = await this.processAndCommit(topic, partition, chunk, control, through);
      if (!committed) return;
      resolveOffset(through);
      await heartbeat();
    }
    const next = BigInt(batch.lastOffset()) + 1n;
    this.options.observer.lag(topic, partition, Math.max(0, Number(BigInt(batch.highWatermark) - next)));
  }

  private async processAndCommit(topic: string, partition: number, chunk: KafkaMessage[], control: ChunkControl, through: string): Promise<boolean> {
    const { observer, logger, stage } = this.options;
    const started = process.hrtime.bigint();
    const key = TransactionalProducers.key(topic, partition);
    try {
      observer.consumed(topic, chunk.length);
      const result = await processChunk(
        { stage, codec: this.options.codec, deadLetterTopic: this.options.deadLetterTopic, retry: this.options.retry, observer },
        { topic, partition, messages: chunk },
        control,
      );
      if (control.shouldStop()) return false;
      const last = BigInt(chunk[chunk.length - 1].offset);
      const nextOffset = ((BigInt(through) > last ? BigInt(through) : last) + 1n).toString();
      await this.producers.commit({ topic, partition, groupId: this.options.groupId, nextOffset }, result.topicMessages);
      const committedAt = Date.now();
      observer.transaction('committed');
      for (const { topic: out, messages } of result.topicMessages) observer.produced(out, messages.length);
      for (const code of result.deadLetters) observer.deadLettered(code);
      for (const origin of result.originTimes) observer.endToEndLatency(Math.max(0, committedAt - origin) / 1000);
      if (result.deadLetters.length > 0) {
        logger.warn(`dead-lettered ${result.deadLetters.length} record(s) from ${topic}[${partition}]: ${[...new Set(result.deadLetters)].join(', ')}`);
      }
      observer.batchProcessed(topic, Number(process.hrtime.bigint() - started) / 1e9);
      this.failedCommits.delete(key);
      return true;
    } catch (error) {
      if (error instanceof StageStoppingError) return false;
      observer.transaction('aborted');
      const failures = (this.failedCommits.get(key) ?? 0) + 1;
      this.failedCommits.set(key, failures);
      logger.error(`chunk from ${topic}[${partition}] at offset ${chunk[0].offset} not committed, will re-read (${describeFailure(error)})`);
      this.consumer.seek({ topic, partition, offset: chunk[0].offset });
      await control.sleep(backoffDelay(this.options.retry, failures));
      return false;
    }
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

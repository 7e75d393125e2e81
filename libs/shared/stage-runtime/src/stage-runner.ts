import type { LoggerService } from '@nestjs/common';
import type { Admin, Batch, Consumer, ConsumerCrashEvent, ConsumerRunConfig, ConsumerEndBatchProcessEvent, ConsumerGroupJoinEvent, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isCommitAware, type Stage, type StageObserver } from '@furnish/shared-stage-api';
import type { FurnishError } from '@furnish/shared-util-errors';
import { processChunk, type ChunkControl, type RecordCodec } from './chunk-processor';
import { classifyError } from './classify-error';
import type { DeadLetterKeyRing } from './dead-letter-keys';
import { describeFailure, StageStoppingError } from './errors';
import { PartitionProducer } from './partition-producer';
import { PartitionSession } from './partition-session';
import { FetchActivity } from './fetch-activity';
import { assertReadCommittedFiltering } from './read-committed-filter';
import { cutChunks, splitIntoRequests } from './record-size';
import { backoffDelay, type RetryPolicy } from './retry-policy';
import { timeLagSeconds } from './time-lag';
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES, readTopicLimits } from './topic-limits';

export interface StageRunnerOptions {
  readonly stage: Stage<unknown>;
  readonly kafka: Kafka;
  readonly codec: RecordCodec;
  readonly groupId: string;
  readonly deadLetterTopic: string;
  /** The key ring dead letters are sealed with (DLQ_KEK_FILE). */
  readonly deadLetterKeys: DeadLetterKeyRing;
  readonly retry: RetryPolicy;
  /** A fetched batch is cut into chunks (one transaction each) of at most this many records and bytes. */
  readonly chunk: { readonly maxRecords: number; readonly maxBytes: number };
  readonly partitionsConsumedConcurrently: number;
  /**
   * The broker answers a fetch once it holds `minBytes` for this member or `maxWaitMs` has passed:
   * at moderate rates a larger `minBytes` trades latency for fewer, larger transactions.
   */
  readonly fetch?: { readonly minBytes: number; readonly maxWaitMs: number };
  readonly observer: StageObserver;
  readonly logger: LoggerService;
  /** Read the input topics from the beginning when the group has no committed offset. */
  readonly fromBeginning?: boolean;
  /** Overrides the topics' max.message.bytes read from the cluster. */
  readonly maxMessageBytes?: number;
  readonly transactionTimeoutMs?: number;
  /** How long one attempt to fence a partition's previous owner may take before it is retried. */
  readonly fenceTimeoutMs?: number;
  /** How long a partition halted by a deployment fault waits before it tries again. */
  readonly haltRetryMs?: number;
  /** How long a partition may make no progress (waiting, failing) before the stage reports not-ready. */
  readonly stallGraceMs?: number;
  /** How often consumer lag is sampled from the brokers. */
  readonly lagSampleMs?: number;
  readonly sessionTimeoutMs?: number;
}

/** A heartbeat failed inside a batch: the group is rebalancing. kafkajs must see it to rejoin. */
class GroupMembershipError extends Error {
  constructor(readonly kafkaError: unknown) {
    super('consumer group membership lost while processing a batch');
    this.name = 'GroupMembershipError';
  }
}

const WAIT_REMINDER_MS = 60_000;
/**
 * Above kafkajs's own retry budget for InitProducerId (8 retries, at most 10 s apart) and a
 * coordinator's load after a broker restart, so only a fence that hangs is abandoned.
 */
const FENCE_TIMEOUT_MS = 90_000;
/** Consecutive restarts of a crashed consumer (backoff up to 30 s) before liveness fails. */
const MAX_CONSUMER_RESTARTS = 20;
/**
 * A member whose fetch loop has neither fetched nor processed anything for this long is not ready;
 * for the longer one, not live (only a restart brings such a consumer back). kafkajs starts a fetch
 * every STAGE_FETCH_MAX_WAIT_MS (maxWaitTimeInMs) while it runs.
 */
const FETCH_SILENCE_NOT_READY_MS = 60_000;
const FETCH_SILENCE_NOT_LIVE_MS = 300_000;

/**
 * Runs a Stage on Kafka with exactly-once delivery. Each input partition is a PartitionSession with
 * an explicit state (partition-states.ts). Before a newly owned partition is read, its producer
 * fences the previous owner and the committed offset is read after the fence; each chunk's outputs,
 * dead letters and input offset commit in one transaction; a failed commit discards the producer and
 * starts again from the offset the broker reports after a new fence (the failed commit may have
 * succeeded). Deployment faults halt the partition instead of dead-lettering valid records.
 */
export class StageRunner {
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private readonly sessions = new Map<string, PartitionSession>();
  private readonly haltTimers = new Map<string, NodeJS.Timeout>();
  private readonly waitRemindedAt = new Map<string, number>();
  private limitOf: (topic: string) => number = () => KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  /** The output topics' limits, read once they all exist (see outputTopicsChecked). */
  private outputTopicLimits: Promise<void> | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private lagSampling: Promise<void> = Promise.resolve();
  private stopping = false;
  /** The error code of the last failed attempt to start consuming, until one succeeds. */
  private startProblem: string | undefined;
  private joined = false;
  /** Set when the consumer is gone for good (see onCrash); the process must be restarted. */
  private crashedForGood: string | undefined;
  private consumerRestarts = 0;
  private lagSamplingFailed = false;
  private readonly fetchActivity = new FetchActivity();
  private reportedSilence = false;

  constructor(private readonly options: StageRunnerOptions) {
    assertReadCommittedFiltering();
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      minBytes: options.fetch?.minBytes ?? 1,
      maxWaitTimeInMs: options.fetch?.maxWaitMs ?? 250,
    });
    this.admin = options.kafka.admin();
    const { events } = this.consumer;
    this.listen<ConsumerGroupJoinEvent>(events.GROUP_JOIN, ({ payload }) => {
      this.fetchActivity.restarted();
      this.onGroupJoin(payload.memberAssignment);
    });
    this.listen<ConsumerCrashEvent>(events.CRASH, ({ payload }) => {
      this.fetchActivity.restarted();
      this.onCrash(payload.error, payload.restart);
    });
    this.listen<unknown>(events.FETCH_START, () => this.fetchActivity.fetchStarted());
    this.listen<unknown>(events.START_BATCH_PROCESS, () => this.fetchActivity.batchStarted());
    // kafkajs also stops the consumer on its way to a crash: what happens to the partitions then is
    // onCrash's decision; a graceful stop revokes them in stop().
    this.listen<unknown>(events.STOP, () => {
      this.joined = false;
    });
    // kafkajs resolves a batch that held only aborted records or transaction markers itself and
    // never hands it to eachBatch, so without this the committed offset stays short of the end.
    this.listen<ConsumerEndBatchProcessEvent>(events.END_BATCH_PROCESS, ({ payload }) => {
      this.fetchActivity.batchEnded();
      // firstOffset is null (despite the type) when compaction left nothing at or after the fetch offset.
      if (payload.batchSize === 0 && payload.firstOffset !== null) this.onFilteredBatch(payload.topic, payload.partition, payload.firstOffset, payload.lastOffset);
    });
  }

  /** Why the stage cannot make progress now; empty when it can. */
  notReadyReasons(): string[] {
    const reasons: string[] = [];
    if (this.stopping) reasons.push('stopping');
    if (this.startProblem) reasons.push(`cannot start consuming (${this.startProblem})`);
    if (this.crashedForGood) reasons.push('consumer crashed');
    else if (!this.joined) reasons.push('not a member of its consumer group');
    else if (this.fetchSilentForMs() > FETCH_SILENCE_NOT_READY_MS) reasons.push(`consumer has not fetched for ${Math.round(this.fetchSilentForMs() / 1000)} s`);
    const grace = this.options.stallGraceMs ?? 30_000;
    for (const session of this.sessions.values()) {
      if (session.state === 'revoked') continue;
      if (session.haltedBy) reasons.push(`${session.key} halted (${session.haltedBy})`);
      else if (session.stalledForMs() > grace) reasons.push(`${session.key} stalled for ${Math.round(session.stalledForMs() / 1000)} s`);
    }
    return reasons;
  }

  isReady(): boolean {
    return this.notReadyReasons().length === 0;
  }

  /** False once the consumer has crashed for good, or has stopped fetching for good: only a restart brings it back. */
  isLive(): boolean {
    return this.crashedForGood === undefined && this.fetchSilentForMs() <= FETCH_SILENCE_NOT_LIVE_MS;
  }

  /** How long a member's fetch loop has been silent (0 when not a member, or stopping); logged once per silence. */
  private fetchSilentForMs(): number {
    const silent = this.joined && !this.stopping ? this.fetchActivity.silentForMs() : 0;
    if (silent > FETCH_SILENCE_NOT_READY_MS && !this.reportedSilence) {
      this.reportedSilence = true;
      this.options.logger.error(`${this.options.stage.name}: the Kafka consumer has not fetched for ${Math.round(silent / 1000)} s although it is a group member; not ready, and not live after ${FETCH_SILENCE_NOT_LIVE_MS / 1000} s`);
    } else if (silent <= FETCH_SILENCE_NOT_READY_MS) {
      this.reportedSilence = false;
    }
    return silent;
  }

  /**
   * Joins the group and starts consuming. A broker that cannot be reached (or refuses this
   * service) at start-up is waited for, with a log line and a not-ready reason, as during a run:
   * the process stays up and its probes answer, instead of exiting into a crash loop.
   */
  async start(): Promise<void> {
    const { stage, logger } = this.options;
    const startedWaiting = Date.now();
    let lastLogged = 0;
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.connectAndRun();
        this.startProblem = undefined;
        if (attempt > 1) logger.log(`${stage.name}: consuming after waiting ${Math.round((Date.now() - startedWaiting) / 1000)} s for Kafka at start-up`);
        return;
      } catch (error) {
        if (this.stopping) return;
        this.startProblem = classifyError(error).code;
        if (Date.now() - lastLogged >= 60_000) {
          logger.warn(`${stage.name}: cannot start consuming (${this.startProblem}: ${describeFailure(error)}); trying again until it can`);
          lastLogged = Date.now();
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6))));
      }
    }
  }

  private async connectAndRun(): Promise<void> {
    const { stage } = this.options;
    await this.admin.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...stage.inputTopics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run(this.runConfig());
    this.lagTimer = setInterval(() => {
      this.lagSampling = this.sampleLag();
    }, this.options.lagSampleMs ?? 5_000);
    this.lagTimer.unref();
  }

  /** Finishes (or abandons, uncommitted) the in-flight chunks, leaves the group, closes producers. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.lagTimer);
    await this.lagSampling;
    for (const timer of this.haltTimers.values()) clearTimeout(timer);
    await this.consumer.disconnect();
    this.revokeAll();
    await Promise.all([...this.sessions.values()].map((session) => session.exclusive(async () => undefined)));
    await this.admin.disconnect().catch(() => undefined);
  }

  private runConfig(): ConsumerRunConfig {
    return {
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(payload),
    };
  }

  // ── group membership ────────────────────────────────────────────────────────────────────────

  /**
   * kafkajs restarts a crashed consumer only after retriable errors; after others (e.g. the group
   * coordinator not found while a broker restarts) it gives up. The runner restarts it itself while
   * the cause is Kafka being unavailable, and only gives up for good — liveness fails, Kubernetes
   * restarts the pod — on a deployment fault or after MAX_CONSUMER_RESTARTS attempts in a row.
   */
  private onCrash(error: Error, kafkajsRestarts: boolean): void {
    const { logger, stage } = this.options;
    this.joined = false;
    // Its partitions are still this instance's until a new assignment says otherwise: their lag
    // keeps being sampled (and rising), but they start from a fence when consumption resumes.
    for (const session of this.sessions.values()) {
      if (session.state !== 'revoked') void session.exclusive(() => this.newOwnership(session));
    }
    const cause = describeFailure(error);
    if (kafkajsRestarts) {
      logger.error(`${stage.name}: Kafka consumer crashed (${cause}); kafkajs restarts it`);
      return;
    }
    if (this.stopping) return;
    if (classifyError(error).disposition === 'wait' && this.consumerRestarts < MAX_CONSUMER_RESTARTS) {
      this.consumerRestarts++;
      const delay = backoffDelay({ ...this.options.retry, maxDelayMs: 30_000 }, this.consumerRestarts);
      logger.error(`${stage.name}: Kafka consumer crashed (${cause}); restarting it in ${Math.round(delay / 1000)} s (attempt ${this.consumerRestarts} of ${MAX_CONSUMER_RESTARTS})`);
      setTimeout(() => void this.restartConsumer(), delay).unref();
      return;
    }
    this.crashedForGood = cause;
    logger.error(`${stage.name}: Kafka consumer crashed (${cause}); it will not restart: liveness fails so the pod is restarted`);
  }

  private async restartConsumer(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.consumer.connect();
      await this.consumer.run(this.runConfig());
    } catch (error) {
      this.onCrash(error instanceof Error ? error : new Error(String(error)), false);
    }
  }

  /** Nothing is owned once the consumer has stopped. */
  private revokeAll(): void {
    for (const session of this.sessions.values()) {
      if (session.state !== 'revoked') void session.exclusive(() => this.revoke(session));
    }
  }

  private onGroupJoin(assignment: Record<string, number[]>): void {
    this.joined = true;
    this.consumerRestarts = 0;
    const assigned = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`)));
    for (const session of this.sessions.values()) {
      if (!assigned.has(session.key) && session.state !== 'revoked') void session.exclusive(() => this.revoke(session));
    }
    // Every owned partition is fenced again in a new generation: while this instance was out of the
    // group (a stall past the session timeout), another may have owned and fenced it.
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const session = this.sessionFor(topic, partition);
        void session.exclusive(() => this.newOwnership(session));
      }
    }
  }

  private async newOwnership(session: PartitionSession): Promise<void> {
    this.clearHaltTimer(session);
    await session.releaseProducer();
    if (session.state !== 'unfenced') session.transition('unfenced');
    this.unpause(session);
    if (session.haltedBy) this.options.observer.halted(session.topic, session.partition, null);
    session.reset();
  }

  private async revoke(session: PartitionSession): Promise<void> {
    this.clearHaltTimer(session);
    await session.releaseProducer();
    if (session.state !== 'revoked') session.transition('revoked');
    this.unpause(session);
    const { observer } = this.options;
    observer.lag(session.topic, session.partition, null);
    observer.timeLag(session.topic, session.partition, null);
    observer.waiting(session.topic, session.partition, false);
    observer.halted(session.topic, session.partition, null);
    session.reset();
  }

  /**
   * Lifts a halt's pause. kafkajs keeps paused partitions across rebalances, so a partition halted,
   * revoked and later assigned back would otherwise stay paused for good — with no halt recorded,
   * readiness green and its lag rising — because revocation forgets the halt and its retry timer.
   */
  private unpause(session: PartitionSession): void {
    try {
      this.consumer.resume([{ topic: session.topic, partitions: [session.partition] }]);
    } catch {
      // No consumer group (the consumer crashed or stopped): the next one starts with nothing paused.
    }
  }

  // ── batches ─────────────────────────────────────────────────────────────────────────────────

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const session = this.sessionFor(payload.batch.topic, payload.batch.partition);
    try {
      await session.exclusive(() => this.consumeBatch(session, payload));
    } catch (error) {
      // Only a lost group membership goes back to kafkajs (to rejoin); anything else was handled.
      if (error instanceof GroupMembershipError) throw error.kafkaError;
      await this.startOver(session, 'batch', error);
    }
  }

  private async consumeBatch(session: PartitionSession, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat } = payload;
    const control = this.controlFor(session, payload);
    if (control.shouldStop() || session.state === 'halted' || session.state === 'revoked') return;
    if (!(await this.atPosition(session, fetchedOffset(batch), control))) return;
    const messages = batch.messages;
    session.oldestPendingTimestamp ??= Number(messages[0]?.timestamp);
    const chunks = cutChunks(messages, this.options.chunk);
    for (const [i, chunk] of chunks.entries()) {
      if (control.shouldStop()) return;
      // The last chunk commits past the batch's end, which counts transaction markers after the
      // last message: otherwise a transactionally written topic's committed offset stays one short
      // of its end, and whoever compares it with the end (the consent filter) would wait forever.
      const through = i === chunks.length - 1 ? batch.lastOffset() : chunk[chunk.length - 1].offset;
      if (!(await this.processAndCommit(session, chunk, through, control))) return;
      resolveOffset(through);
      session.oldestPendingTimestamp = i === chunks.length - 1 ? undefined : Number(chunks[i + 1][0].timestamp);
      await heartbeat();
    }
  }

  /**
   * Makes sure the partition is fenced and that kafkajs delivered records from the position this
   * instance confirmed; otherwise seeks there (the delivered records are read again) and says no.
   */
  private async atPosition(session: PartitionSession, deliveredFrom: string, control: ChunkControl): Promise<boolean> {
    if (session.state === 'unfenced' && !(await this.fence(session, deliveredFrom, control))) return false;
    if (session.position === undefined) session.position = deliveredFrom;
    if (BigInt(deliveredFrom) === BigInt(session.position)) return true;
    if (await this.outsideTheLog(session)) {
      // Retention deleted what the group had not read (or the topic was recreated): kafkajs already
      // reset to the log's start; seeking to an offset the log no longer has would loop forever.
      this.options.logger.warn(`${this.options.stage.name}: ${session.key} committed offset ${session.position} is outside the log; continuing from ${deliveredFrom}`);
      session.position = deliveredFrom;
      return true;
    }
    this.consumer.seek({ topic: session.topic, partition: session.partition, offset: session.position });
    return false;
  }

  private async outsideTheLog(session: PartitionSession): Promise<boolean> {
    const log = (await this.admin.fetchTopicOffsets(session.topic)).find((p) => p.partition === session.partition);
    const position = BigInt(session.position!);
    return log !== undefined && (position < BigInt(log.low) || position > BigInt(log.high));
  }

  /**
   * Fences the previous owner with a new producer, then reads the committed offset: only now can no
   * earlier owner move it. An unknown committed offset (the group never committed) leaves the
   * position to what kafkajs chose (`fromBeginning`).
   */
  private async fence(session: PartitionSession, deliveredFrom: string, control: ChunkControl): Promise<boolean> {
    const { kafka, groupId, observer, logger, stage } = this.options;
    const recovering = session.consecutiveFailures > 0;
    session.transition('fencing');
    let producer: PartitionProducer | undefined;
    try {
      await this.outputTopicsChecked();
      producer = await PartitionProducer.fence({
        kafka,
        transactionalId: `${groupId}-${session.topic}-${session.partition}`,
        transactionTimeoutMs: this.options.transactionTimeoutMs ?? 60_000,
        fenceTimeoutMs: this.options.fenceTimeoutMs ?? FENCE_TIMEOUT_MS,
      });
      const committed = await this.committedOffset(session);
      session.fenced(producer, committed ?? deliveredFrom);
      observer.fenced(recovering ? 'recovered' : 'assigned');
      return true;
    } catch (error) {
      await producer?.discard();
      const classified = classifyError(error);
      if (classified.disposition === 'halt') {
        await this.halt(session, classified);
        return false;
      }
      session.transition('unfenced');
      session.failed();
      logger.warn(`${stage.name}: ${session.key} could not fence its previous owner (${describeFailure(error)}); trying again`);
      await control.sleep(backoffDelay(this.options.retry, session.consecutiveFailures));
      return false;
    }
  }

  /**
   * Reads the output and dead-letter topics' max.message.bytes before the first ownership and, while
   * one of them is missing, before every ownership. DescribeConfigs answers at once for a missing
   * topic, where a transactional send would spend kafkajs's whole retry budget (25 s and more) on
   * metadata first: the partition halts TOPIC_MISSING before it processes anything. Any other
   * failure (DescribeConfigs denied by ACLs) leaves Kafka's default limit, with a warning.
   */
  private outputTopicsChecked(): Promise<void> {
    const { stage, logger, deadLetterTopic, maxMessageBytes } = this.options;
    this.outputTopicLimits ??= readTopicLimits(this.admin, [...stage.outputTopics, deadLetterTopic], maxMessageBytes).then(
      (limits) => {
        this.limitOf = limits.limitOf;
      },
      (error: unknown) => {
        if (classifyError(error).code === 'TOPIC_MISSING') {
          this.outputTopicLimits = undefined;
          throw error;
        }
        logger.warn(`${stage.name}: cannot read the topics' max.message.bytes (${describeFailure(error)}); assuming Kafka's default ${KAFKA_DEFAULT_MAX_MESSAGE_BYTES}`);
      },
    );
    return this.outputTopicLimits;
  }

  private async committedOffset(session: PartitionSession): Promise<string | undefined> {
    const [topic] = await this.admin.fetchOffsets({ groupId: this.options.groupId, topics: [session.topic] });
    const offset = topic?.partitions.find((p) => p.partition === session.partition)?.offset;
    return offset === undefined || BigInt(offset) < 0n ? undefined : offset;
  }

  private async processAndCommit(session: PartitionSession, chunk: KafkaMessage[], through: string, control: ChunkControl): Promise<boolean> {
    const { observer, stage, groupId } = this.options;
    const started = process.hrtime.bigint();
    session.transition('processing');
    let result: Awaited<ReturnType<typeof processChunk>>;
    try {
      observer.consumed(session.topic, chunk.length);
      result = await processChunk(
        { stage, codec: this.options.codec, deadLetterTopic: this.options.deadLetterTopic, deadLetterKeys: this.options.deadLetterKeys, retry: this.options.retry, observer, limitOf: this.limitOf },
        { topic: session.topic, partition: session.partition, messages: chunk },
        control,
      );
    } catch (error) {
      if (session.state === 'waiting') session.transition('processing');
      if (error instanceof StageStoppingError) {
        session.transition('ready');
        return false;
      }
      if (error instanceof GroupMembershipError) {
        session.transition('ready');
        throw error;
      }
      const classified = classifyError(error);
      if (classified.disposition === 'halt') {
        await this.halt(session, classified);
        return false;
      }
      session.transition('ready');
      return this.retryLater(session, `chunk at offset ${chunk[0].offset} failed (${describeFailure(error)})`, control);
    }
    if (control.shouldStop()) {
      session.transition('ready');
      return false;
    }
    session.transition('committing');
    const last = BigInt(chunk[chunk.length - 1].offset);
    const nextOffset = ((BigInt(through) > last ? BigInt(through) : last) + 1n).toString();
    try {
      await session.producer!.commit(splitIntoRequests(result.topicMessages, this.limitOf), { groupId, topic: session.topic, partition: session.partition, nextOffset });
    } catch (error) {
      observer.transaction('aborted');
      // The outcome is unknown: the commit may have reached the coordinator. Discard the producer;
      // the next attempt fences again and starts from the offset the broker then reports.
      await session.releaseProducer();
      const classified = classifyError(error);
      if (classified.disposition === 'halt') {
        await this.halt(session, classified);
        return false;
      }
      session.transition('unfenced');
      return this.retryLater(session, `transaction for the chunk at offset ${chunk[0].offset} failed (${describeFailure(error)}); fencing again`, control);
    }
    this.committed(session, nextOffset, result, started);
    await this.afterCommit(session, result);
    return true;
  }

  /** The stage's `committed` hook (CommitAware): best effort, once; the chunk stays committed whatever it does. */
  private async afterCommit(session: PartitionSession, result: Awaited<ReturnType<typeof processChunk>>): Promise<void> {
    const { stage, logger, observer } = this.options;
    if (!isCommitAware(stage) || result.settled.length === 0) return;
    try {
      await stage.committed(result.settled);
    } catch (error) {
      observer.afterCommitFailed();
      logger.error(`${stage.name}: after committing the chunk of ${session.key}, its committed step failed (${describeFailure(error)}); the chunk stays committed`);
    }
  }

  private committed(session: PartitionSession, nextOffset: string, result: Awaited<ReturnType<typeof processChunk>>, started: bigint): void {
    const { observer, logger, stage } = this.options;
    const wasHalted = session.haltedBy;
    session.committed(nextOffset);
    const committedAt = Date.now();
    observer.transaction('committed');
    for (const { topic, messages } of result.topicMessages) observer.produced(topic, messages.length);
    for (const { code, ruleIds } of result.deadLetters) observer.deadLettered(code, ruleIds);
    for (const origin of result.originTimes) observer.endToEndLatency(Math.max(0, committedAt - origin) / 1000);
    for (const output of result.outputs) observer.outputCommitted(output.topic, output.kind, Math.max(0, committedAt - output.originTime) / 1000);
    if (result.deadLetters.length > 0) {
      logger.warn(`${stage.name}: dead-lettered ${result.deadLetters.length} record(s) from ${session.key}: ${[...new Set(result.deadLetters.map((d) => d.code))].join(', ')}`);
    }
    if (wasHalted) {
      session.haltedBy = undefined;
      observer.halted(session.topic, session.partition, null);
      logger.log(`${stage.name}: ${session.key} resumed after a halt (${wasHalted})`);
    }
    observer.batchProcessed(session.topic, Number(process.hrtime.bigint() - started) / 1e9);
  }

  /** Seeks back to the confirmed position and backs off; the records are read again. */
  private async retryLater(session: PartitionSession, what: string, control: ChunkControl): Promise<false> {
    session.failed();
    this.options.logger.error(`${this.options.stage.name}: ${session.key} ${what}; will read it again`);
    if (session.position !== undefined) this.consumer.seek({ topic: session.topic, partition: session.partition, offset: session.position });
    await control.sleep(backoffDelay(this.options.retry, session.consecutiveFailures));
    return false;
  }

  /**
   * A deployment fault: nothing is committed or dead-lettered. The partition stops consuming and the
   * stage reports not-ready; after STAGE_HALT_RETRY_MS it tries again from its committed offset, so
   * fixing the deployment is enough to resume.
   */
  private async halt(session: PartitionSession, error: FurnishError): Promise<void> {
    const { observer, logger, stage } = this.options;
    await session.releaseProducer();
    if (session.state === 'waiting') session.transition('processing');
    session.transition('halted');
    const first = session.haltedBy !== error.code;
    session.haltedBy = error.code;
    observer.halted(session.topic, session.partition, error.code);
    const retryMs = this.options.haltRetryMs ?? 30_000;
    if (first) {
      logger.error(
        `${stage.name}: ${session.key} HALTED by a deployment fault, no record is dead-lettered for it: ${error.code}: ${error.message}. It tries again every ${Math.round(retryMs / 1000)} s and resumes by itself once this is fixed.`,
      );
    }
    this.consumer.pause([{ topic: session.topic, partitions: [session.partition] }]);
    if (session.position !== undefined) this.consumer.seek({ topic: session.topic, partition: session.partition, offset: session.position });
    this.clearHaltTimer(session);
    const timer = setTimeout(() => {
      this.haltTimers.delete(session.key);
      void session.exclusive(async () => {
        if (session.state !== 'halted' || this.stopping) return;
        session.transition('unfenced');
        this.consumer.resume([{ topic: session.topic, partitions: [session.partition] }]);
      });
    }, retryMs);
    timer.unref();
    this.haltTimers.set(session.key, timer);
  }

  private clearHaltTimer(session: PartitionSession): void {
    clearTimeout(this.haltTimers.get(session.key));
    this.haltTimers.delete(session.key);
  }

  /**
   * A fetched batch that held only aborted records or transaction markers: commit past it, so the
   * group's committed offset reaches the partition's end (the consent filter compares the ledger's
   * committed offsets with the consent topic's end).
   */
  private onFilteredBatch(topic: string, partition: number, firstOffset: string, lastOffset: string): void {
    const session = this.sessions.get(`${topic}:${partition}`);
    if (!session) return;
    void session.exclusive(async () => {
      if (this.stopping || session.state === 'halted' || session.state === 'revoked') return;
      const control = this.backgroundControl();
      if (session.state === 'unfenced' && !(await this.fence(session, firstOffset, control))) return;
      const action = session.afterFilteredBatch(firstOffset, lastOffset);
      if (action === 'read-again') this.consumer.seek({ topic, partition, offset: session.position! });
      if (action !== 'commit') return;
      const nextOffset = (BigInt(lastOffset) + 1n).toString();
      session.transition('committing');
      try {
        await session.producer!.commit([], { groupId: this.options.groupId, topic, partition, nextOffset });
        session.committed(nextOffset);
        this.options.observer.transaction('committed');
      } catch (error) {
        this.options.observer.transaction('aborted');
        await session.releaseProducer();
        session.transition('unfenced');
        await this.retryLater(session, `committing past aborted records and markers at ${firstOffset} failed (${describeFailure(error)})`, control);
      }
    }).catch((error: unknown) => this.startOver(session, 'commit past markers', error));
  }

  /** After a failure of the runtime itself: log it, drop the producer, fence again, read again. */
  private async startOver(session: PartitionSession, task: string, error: unknown): Promise<void> {
    this.options.logger.error(`${this.options.stage.name}: ${session.key} ${task} failed unexpectedly in state ${session.state} (${describeFailure(error)}); fencing again and reading it again`);
    await session.exclusive(async () => {
      await session.releaseProducer();
      session.startOver();
      if (session.position !== undefined) this.consumer.seek({ topic: session.topic, partition: session.partition, offset: session.position });
    });
  }

  // ── lag ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Consumer lag of every owned partition from the brokers (high watermark − committed offset),
   * sampled on a timer rather than after batches, so a stuck partition's lag keeps rising.
   */
  private async sampleLag(): Promise<void> {
    const owned = [...this.sessions.values()].filter((s) => s.state !== 'revoked');
    const topics = [...new Set(owned.map((s) => s.topic))];
    const { logger, stage, groupId, observer } = this.options;
    try {
      for (const topic of topics) {
        // allSettled, not all: a sample must not return (and stop() must not finish) while one of its
        // requests is still retrying, e.g. for a deleted topic, after the other failed fast.
        const [endsOf, committedOf] = await Promise.allSettled([this.admin.fetchTopicOffsets(topic), this.admin.fetchOffsets({ groupId, topics: [topic] })]);
        if (endsOf.status === 'rejected') throw endsOf.reason;
        if (committedOf.status === 'rejected') throw committedOf.reason;
        const ends = endsOf.value;
        const [committed] = committedOf.value;
        // A partition revoked while the sample was in flight has had its series removed: writing the
        // stale figure would bring it back, frozen, on an instance that no longer owns the partition.
        for (const session of owned.filter((s) => s.topic === topic && s.state !== 'revoked')) {
          const end = ends.find((e) => e.partition === session.partition);
          const at = committed?.partitions.find((p) => p.partition === session.partition)?.offset;
          if (!end) continue;
          const from = at !== undefined && BigInt(at) >= 0n ? BigInt(at) : BigInt(end.low);
          const lag = Math.max(0, Number(BigInt(end.high) - from));
          observer.lag(topic, session.partition, lag);
          observer.timeLag(topic, session.partition, timeLagSeconds(session, from, lag, Date.now()));
        }
      }
      if (this.lagSamplingFailed) logger.log(`${stage.name}: consumer lag can be sampled again`);
      this.lagSamplingFailed = false;
    } catch (error) {
      if (!this.lagSamplingFailed) logger.warn(`${stage.name}: cannot sample consumer lag (${describeFailure(error)}); the lag gauges keep their last values until it can`);
      this.lagSamplingFailed = true;
    }
    const now = Date.now();
    for (const session of owned) {
      if (session.state !== 'waiting') {
        this.waitRemindedAt.delete(session.key);
      } else if (now - (this.waitRemindedAt.get(session.key) ?? now - session.stalledForMs()) >= WAIT_REMINDER_MS) {
        this.waitRemindedAt.set(session.key, now);
        logger.warn(`${stage.name}: ${session.key} still waiting for an unavailable dependency after ${Math.round(session.stalledForMs() / 1000)} s`);
      }
    }
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  private sessionFor(topic: string, partition: number): PartitionSession {
    const key = `${topic}:${partition}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = new PartitionSession(topic, partition);
      this.sessions.set(key, session);
    }
    return session;
  }

  private controlFor(session: PartitionSession, payload: EachBatchPayload): ChunkControl {
    const { observer, logger, stage } = this.options;
    let waitingSince = 0;
    return {
      heartbeat: async () => {
        try {
          await payload.heartbeat();
        } catch (error) {
          throw new GroupMembershipError(error);
        }
      },
      shouldStop: () => this.stopping || !payload.isRunning() || payload.isStale(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      waiting: (active, error) => {
        observer.waiting(session.topic, session.partition, active);
        if (active) {
          waitingSince = Date.now();
          session.transition('waiting');
          logger.warn(`${stage.name}: ${session.key} waiting for an unavailable dependency (${error.code}: ${error.message}); nothing is dead-lettered meanwhile`);
        } else {
          session.transition('processing');
          logger.log(`${stage.name}: ${session.key} dependency available again after ${((Date.now() - waitingSince) / 1000).toFixed(1)} s`);
        }
      },
    };
  }

  /** For work outside a batch (commits past filtered batches): no heartbeat to give. */
  private backgroundControl(): ChunkControl {
    return {
      heartbeat: async () => undefined,
      shouldStop: () => this.stopping,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
  }

  /** Subscribes to a consumer event; a listener that throws is logged, never propagated into kafkajs. */
  private listen<T>(event: string, listener: (event: T) => void): void {
    (this.consumer.on as (e: string, l: (event: unknown) => void) => void)(event, (payload) => {
      try {
        listener(payload as T);
      } catch (error) {
        this.options.logger.error(`${this.options.stage.name}: ${String(event)} listener failed (${describeFailure(error)})`);
      }
    });
  }
}

/** The offset kafkajs fetched the batch from (its Batch keeps it; the type declarations omit it). */
function fetchedOffset(batch: Batch): string {
  return (batch as Batch & { fetchedOffset?: string }).fetchedOffset ?? batch.firstOffset() ?? batch.lastOffset();
}


import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';

export interface PassthroughOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly inputTopics: readonly string[];
  readonly outputTopic: string;
  readonly chunkSize: number;
  readonly partitionsConsumedConcurrently: number;
  /** As the stages' STAGE_FETCH_MIN_BYTES and STAGE_FETCH_MAX_WAIT_MS. */
  readonly fetch: { readonly minBytes: number; readonly maxWaitMs: number };
  readonly onJoined?: () => void;
}

const ORIGIN_TIME_HEADER = 'x-furnish-origin-time';

/**
 * The baseline every stage is compared with: libs/shared/stage-runtime's StageRunner and
 * TransactionalProducers with the stage taken out. Same consumer settings (read_committed,
 * eachBatch, autoCommit off, 250 ms max wait, partitions in parallel), same chunking, one
 * transactional idempotent producer per input partition (maxInFlightRequests 1, transactional id
 * `<group>-<topic>-<partition>`), and per chunk one transaction holding the outputs and the input
 * offset (sendOffsets). Each record is copied as raw bytes with its key (so the same partitioner
 * runs) and an origin-time header, as the runtime stamps one; nothing is decoded.
 */
export class PassthroughRunner {
  private readonly consumer: Consumer;
  private readonly producers = new Map<string, Promise<Producer>>();
  private stopping = false;

  constructor(private readonly options: PassthroughOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      minBytes: options.fetch.minBytes,
      maxWaitTimeInMs: options.fetch.maxWaitMs,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => options.onJoined?.());
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.inputTopics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await Promise.all([...this.producers.values()].map((p) => p.then((producer) => producer.disconnect()).catch(() => undefined)));
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (let i = 0; i < batch.messages.length; i += this.options.chunkSize) {
      if (this.stopping || !isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + this.options.chunkSize);
      if (!(await this.commitChunk(topic, partition, chunk))) return;
      resolveOffset(chunk[chunk.length - 1].offset);
      await heartbeat();
    }
  }

  private async commitChunk(topic: string, partition: number, chunk: KafkaMessage[]): Promise<boolean> {
    const producer = await this.producerFor(topic, partition);
    const transaction = await producer.transaction();
    try {
      await transaction.sendBatch({
        topicMessages: [
          {
            topic: this.options.outputTopic,
            messages: chunk.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers, [ORIGIN_TIME_HEADER]: originTime(m) } })),
          },
        ],
      });
      await transaction.sendOffsets({
        consumerGroupId: this.options.groupId,
        topics: [{ topic, partitions: [{ partition, offset: (BigInt(chunk[chunk.length - 1].offset) + 1n).toString() }] }],
      });
      await transaction.commit();
      return true;
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      process.stderr.write(`passthrough: chunk of ${topic}[${partition}] at ${chunk[0].offset} aborted: ${String(error)}\n`);
      this.consumer.seek({ topic, partition, offset: chunk[0].offset });
      return false;
    }
  }

  private producerFor(topic: string, partition: number): Promise<Producer> {
    const key = `${topic}:${partition}`;
    let producer = this.producers.get(key);
    if (!producer) {
      const created = this.options.kafka.producer({
        transactionalId: `${this.options.groupId}-${topic}-${partition}`,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: 60_000,
      });
      producer = created.connect().then(() => created);
      this.producers.set(key, producer);
    }
    return producer;
  }
}

function originTime(message: KafkaMessage): string {
  const header = message.headers?.[ORIGIN_TIME_HEADER];
  if (header !== undefined) return String(Array.isArray(header) ? header[0] : header);
  return message.timestamp;
}

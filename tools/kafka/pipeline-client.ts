import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { isDeadLetterTopic, SchemaCatalog, TOPIC_PREFIX } from '@furnish/shared-contracts';
import { decodeOriginal, deadLetterKeyRingOf, HEADERS, openDeadLetter, type DeadLetterKeyRing, type OriginalMessage } from '@furnish/shared-stage-runtime';
import { SealedValueUnreadableError } from '@furnish/shared-util-sealing';

export const PIPELINE_BROKERS = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
export const PIPELINE_REGISTRY_URL = process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7';

export interface CapturedRecord<T = unknown> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Record<string, string>;
  readonly raw: Buffer | null;
  /** Decoded with the topic's schema; undefined for dead-letter topics (raw bytes). */
  readonly value: T;
  /** A dead letter's original message, opened with the local key ring; undefined elsewhere and for one left out as too large. */
  readonly original?: OriginalMessage;
  /** The key the record was published under upstream: a dead letter's original key, otherwise the record's own. */
  readonly sourceKey: string | null;
  /** Epoch ms when this client received it (it reads committed records only). */
  readonly receivedAt: number;
}

/**
 * Publishes to and reads the pipeline's topics through the real broker and registry, as an upstream
 * system or a bureau-side consumer would. Used by the end-to-end tests and the demo.
 */
export class PipelineClient {
  readonly kafka = new Kafka({ clientId: `furnish-client-${randomUUID().slice(0, 8)}`, brokers: PIPELINE_BROKERS, logLevel: logLevel.NOTHING });
  readonly serde = new AvroSerde(new SchemaRegistryClient({ url: PIPELINE_REGISTRY_URL }), SchemaCatalog.load());
  private producer: Producer | undefined;
  private readonly consumers = new Set<Consumer>();
  /** Consumer replacements under way; close() waits for them so none starts after it. */
  private readonly replacing = new Set<Promise<void>>();
  private closing = false;
  /** The key ring the local stack's services seal dead letters with (DLQ_KEK_FILE, else the development ring). */
  readonly deadLetterKeys: DeadLetterKeyRing = deadLetterKeyRingOf({ DLQ_KEK_FILE: process.env.DLQ_KEK_FILE, DLQ_KEK_CURRENT: process.env.DLQ_KEK_CURRENT, FURNISH_ENV: 'local' });

  async publish(topic: string, key: string, value: unknown, partition?: number): Promise<void> {
    await this.publishRaw(topic, key, await this.serde.encode(topic, value), partition);
  }

  async publishRaw(topic: string, key: string, value: Buffer, partition?: number): Promise<void> {
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.producer.send({ topic, acks: -1, messages: [{ key, value, partition }] });
  }

  /** Publishes already-encoded messages (null values included) in one produce request. */
  async publishRawBatch(topic: string, messages: readonly { readonly key: string; readonly value: Buffer | null }[]): Promise<void> {
    if (messages.length === 0) return;
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.producer.send({ topic, acks: -1, messages: messages.map(({ key, value }) => ({ key, value })) });
  }

  /**
   * Publishes `records` in order, `batchSize` messages per produce request (acks -1, idempotent
   * producer): the bulk path for large loads such as the synthetic lender's month. Each message is
   * encoded as `publish` would; the key picks the partition unless one is given.
   */
  async publishMany(
    topic: string,
    records: readonly { readonly key: string; readonly value: unknown; readonly partition?: number }[],
    options: { readonly batchSize?: number } = {},
  ): Promise<void> {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive whole number, got ${batchSize}`);
    if (records.length === 0) return;
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize);
      const messages = await Promise.all(batch.map(async ({ key, value, partition }) => ({ key, value: await this.serde.encode(topic, value), partition })));
      await this.producer.send({ topic, acks: -1, messages });
    }
  }

  /**
   * Starts reading `topics` from their current end, read_committed, before anything is published,
   * so the capture sees exactly what the caller causes.
   */
  async capture(topics: readonly string[]): Promise<Capture> {
    // The group's offsets start at the topics' current ends, committed before it joins: a consumer
    // kafkajs restarts (a broker restart under a fault test) resumes there, never at the then-latest end.
    const groupId = `${TOPIC_PREFIX}furnish-capture-${randomUUID()}`;
    const admin = this.kafka.admin();
    await admin.connect();
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, offset }) => ({ partition, offset })) });
    }
    await admin.disconnect();
    const decodable = new Set(topics.filter((t) => !isDeadLetterTopic(t)));
    let current: Consumer | undefined;
    const start = async (): Promise<void> => {
      // kafkajs never restarts a capture consumer itself: a restart it schedules can revive a consumer
      // already disconnected (and fetch after the test's teardown); every crash goes to `replace`.
      const consumer = this.kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100, retry: { restartOnFailure: async () => false } });
      current = consumer;
      this.consumers.add(consumer);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!this.closing) void replace(`${payload.error.name}: ${payload.error.message}`);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics] });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const receivedAt = Date.now();
          const original = decodable.has(topic) ? undefined : this.openDeadLetter(message.value, message.headers);
          capture.add({
            receivedAt,
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            original,
            sourceKey: original ? (original.key?.toString() ?? null) : (message.key?.toString() ?? null),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            raw: message.value,
            value: decodable.has(topic) ? await this.serde.decode(topic, message.value) : undefined,
          });
        },
      });
      // close() ran while this consumer was starting: it must not outlive the client.
      if (this.closing) await consumer.disconnect();
    };
    // A capture must outlive the faults it watches. kafkajs gives up on a consumer after a
    // non-retriable error, and a consumer it restarted while the broker was restarting has been seen
    // to sit idle with records waiting (the pipeline done, every stage's lag 0). Either way the
    // consumer is replaced in the same group, resuming at its committed offsets; `add` drops what the
    // new one is handed again.
    const replace = async (why: string): Promise<void> => {
      const stale = current;
      if (!stale || this.closing) return;
      current = undefined;
      console.warn(`capture ${groupId}: replacing its consumer (${why})`);
      const replacing = (async () => {
        await stale.disconnect().catch(() => undefined);
        // The broker may still be down (a chaos run kills it): keep trying until it answers. Callers that
        // only read `records` after the pipeline drained never call waitFor, so no stall would revive it.
        for (let attempt = 1; !this.closing; attempt++) {
          try {
            await start();
            return;
          } catch (error) {
            // start() set `current` to the consumer that failed to connect (TypeScript cannot see that).
            const failed = current as Consumer | undefined;
            current = undefined;
            await failed?.disconnect().catch(() => undefined);
            console.warn(`capture ${groupId}: restart failed (${String(error)}); trying again in ${Math.min(attempt, 5)} s`);
            await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5) * 1000));
          }
        }
      })();
      this.replacing.add(replacing);
      await replacing.finally(() => this.replacing.delete(replacing));
    };
    const capture = new Capture(() => replace('no record for a while with records awaited'));
    await start();
    return capture;
  }

  /**
   * Opens a dead letter's sealed value, bound to the stage and source position its headers name;
   * undefined when this client's ring cannot (left out as too large, or sealed under a key it lacks).
   */
  openDeadLetter(value: Buffer | null, headers: Record<string, unknown> | undefined): OriginalMessage | undefined {
    if (value === null) return undefined;
    const header = (name: string) => String(headers?.[name] ?? '');
    const context = { stage: header(HEADERS.stage), sourceTopic: header(HEADERS.sourceTopic), sourcePartition: Number(header(HEADERS.sourcePartition)), sourceOffset: header(HEADERS.sourceOffset) };
    try {
      return decodeOriginal(openDeadLetter(this.deadLetterKeys, context, value));
    } catch (error) {
      if (error instanceof SealedValueUnreadableError) return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.replacing]);
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    await this.producer?.disconnect();
  }
}

/** How long `waitFor` lets the capture receive nothing before it replaces the consumer. */
const CAPTURE_STALL_MS = 30_000;

export class Capture {
  readonly records: CapturedRecord[] = [];
  private waiters: Array<() => void> = [];
  private readonly seen = new Set<string>();
  private lastProgressAt = Date.now();

  /** `revive`: replace the consumer, called by `waitFor` while it waits and nothing arrives. */
  constructor(private readonly revive: () => Promise<void> = async () => undefined) {}

  /** Keeps each (topic, partition, offset) once: a restarted capture consumer may be handed records again. */
  add(record: CapturedRecord): void {
    const position = `${record.topic}/${record.partition}/${record.offset}`;
    if (this.seen.has(position)) return;
    this.seen.add(position);
    this.records.push(record);
    this.lastProgressAt = Date.now();
    this.waiters.forEach((wake) => wake());
  }

  /** Resolves with the matching records once `count` have arrived; rejects after `timeoutMs`. */
  async waitFor<T = unknown>(match: (r: CapturedRecord) => boolean, count: number, timeoutMs = 60_000): Promise<CapturedRecord<T>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records.filter(match) as CapturedRecord<T>[];
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} records, saw ${found.length}`);
      if (Date.now() - this.lastProgressAt > CAPTURE_STALL_MS) {
        this.lastProgressAt = Date.now();
        await this.revive();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Everything matching, after letting `settleMs` pass, to assert that nothing else arrived. */
  async settled(match: (r: CapturedRecord) => boolean, settleMs = 3_000): Promise<CapturedRecord[]> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return this.records.filter(match);
  }
}


import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { Type } from 'avsc';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Admin, type KafkaConfig, type Message, type Producer } from 'kafkajs';
import { AvroSerde, SchemaRegistryClient, type TopicSchemaSource } from '@furnish/shared-avro-serde';
import { parseAvroSchema } from '@furnish/shared-contracts';
import { emit, NO_OP_OBSERVER, type InputRecord, type OutputRecord, type RecordOutcome, type Stage, type StageObserver } from '@furnish/shared-stage-api';
import type { ErrorCode } from '@furnish/shared-util-errors';
import { DEVELOPMENT_DEAD_LETTER_KEYS, parseDeadLetterKeys } from '../dead-letter-keys';
import { StageRunner, type StageRunnerOptions } from '../stage-runner';

export const TEST_BROKERS = (process.env['KAFKA_BROKERS'] ?? 'localhost:9092').split(',');
export const TEST_REGISTRY_URL = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://localhost:8081/apis/ccompat/v7';

/** The value every testbed topic carries. */
export interface Item {
  readonly id: string;
  readonly body: string;
}

const ITEM_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Item',
  namespace: 'com.furnish.test.runtime',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'body', type: 'string' },
  ],
});

/** Every topic of the testbed carries Items. */
class ItemSchemas implements TopicSchemaSource {
  private readonly type = parseAvroSchema(ITEM_SCHEMA);
  schemaForTopic() {
    return { name: 'Item', schema: ITEM_SCHEMA, type: this.type };
  }
  parse(schema: string): Type {
    return parseAvroSchema(schema);
  }
  subjectForTopic(topic: string): string {
    return `${topic}-value`;
  }
}

/** What a runner reported, for assertions: metrics calls and log lines. */
export class RecordingObserver implements StageObserver {
  readonly deadLetters: ErrorCode[] = [];
  readonly transactions = { committed: 0, aborted: 0 };
  readonly fences = { assigned: 0, recovered: 0 };
  afterCommitFailures = 0;
  readonly lags = new Map<string, number | null>();
  readonly halts = new Map<string, ErrorCode>();
  readonly waits: boolean[] = [];
  consumed = NO_OP_OBSERVER.consumed;
  produced = NO_OP_OBSERVER.produced;
  batchProcessed = NO_OP_OBSERVER.batchProcessed;
  retried = NO_OP_OBSERVER.retried;
  endToEndLatency = NO_OP_OBSERVER.endToEndLatency;
  timeLag = NO_OP_OBSERVER.timeLag;
  outputCommitted = NO_OP_OBSERVER.outputCommitted;
  deadLettered(code: ErrorCode): void {
    this.deadLetters.push(code);
  }
  transaction(result: 'committed' | 'aborted'): void {
    this.transactions[result]++;
  }
  fenced(reason: 'assigned' | 'recovered'): void {
    this.fences[reason]++;
  }
  afterCommitFailed(): void {
    this.afterCommitFailures++;
  }
  lag(topic: string, partition: number, lag: number | null): void {
    this.lags.set(`${topic}:${partition}`, lag);
  }
  halted(topic: string, partition: number, code: ErrorCode | null): void {
    if (code === null) this.halts.delete(`${topic}:${partition}`);
    else this.halts.set(`${topic}:${partition}`, code);
  }
  waiting(_topic: string, _partition: number, active: boolean): void {
    this.waits.push(active);
  }
}

export class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (message: unknown) => void this.lines.push(`log ${String(message)}`);
  warn = (message: unknown) => void this.lines.push(`warn ${String(message)}`);
  error = (message: unknown) => void this.lines.push(`error ${String(message)}`);
}

/**
 * A stage that copies each Item to every output topic (`fanOut` copies each), optionally through
 * `transform`, and can be held at a gate to stall it mid-chunk like a stopped process.
 */
export class CopyStage implements Stage<Item> {
  readonly name = 'runtime-test';
  gate: Promise<void> | undefined;
  /** Resolves when a chunk reaches the gate. */
  private arrivedAtGate: (() => void) | undefined;

  constructor(
    readonly inputTopics: readonly string[],
    readonly outputTopics: readonly string[],
    private readonly options: { readonly fanOut?: number; readonly transform?: (item: Item) => Item | RecordOutcome } = {},
  ) {}

  /** Holds the next chunk until the returned release is called; `arrived` resolves when it is held. */
  hold(): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    const arrived = new Promise<void>((resolve) => (this.arrivedAtGate = resolve));
    return {
      arrived,
      release: () => {
        this.gate = undefined;
        release();
      },
    };
  }

  async process(records: readonly InputRecord<Item>[]): Promise<readonly RecordOutcome[]> {
    if (this.gate) {
      this.arrivedAtGate?.();
      await this.gate;
    }
    return records.map((record) => {
      const transformed = this.options.transform ? this.options.transform(record.value) : record.value;
      if ('failure' in transformed || 'outputs' in transformed) return transformed;
      const outputs: OutputRecord[] = this.outputTopics.flatMap((topic) =>
        Array.from({ length: this.options.fanOut ?? 1 }, () => ({ topic, key: record.key ?? transformed.id, value: transformed })),
      );
      return emit(...outputs);
    });
  }
}

/**
 * Real Kafka and a real schema registry for the stage runtime's own integration tests: topics of
 * their own per test, Items encoded in the Confluent wire format, runners built as services build
 * them, and readers that see only committed records.
 */
export class RuntimeTestbed {
  /** The ring the testbed's runners seal dead letters with. */
  readonly deadLetterKeys = parseDeadLetterKeys(DEVELOPMENT_DEAD_LETTER_KEYS);
  readonly prefix = `test.runtime.${randomUUID().slice(0, 8)}`;
  readonly registry = new SchemaRegistryClient({ url: TEST_REGISTRY_URL });
  readonly schemas = new ItemSchemas();
  readonly publisherSerde = new AvroSerde(this.registry, this.schemas, { autoRegister: true });
  readonly kafka: Kafka;
  private readonly admin: Admin;
  private producer: Producer | undefined;
  private readonly runners: StageRunner[] = [];
  private readonly created: string[] = [];

  constructor() {
    this.kafka = RuntimeTestbed.client();
    this.admin = this.kafka.admin();
  }

  static client(extra: Partial<KafkaConfig> = {}): Kafka {
    return new Kafka({ clientId: `runtime-test-${randomUUID().slice(0, 8)}`, brokers: TEST_BROKERS, logLevel: logLevel.NOTHING, ...extra });
  }

  topic(name: string): string {
    return `${this.prefix}.${name}`;
  }

  async createTopics(partitionsByName: Record<string, number>, configEntries: { name: string; value: string }[] = []): Promise<void> {
    await this.admin.connect();
    const topics = Object.entries(partitionsByName).map(([name, numPartitions]) => ({ topic: this.topic(name), numPartitions, replicationFactor: 1, configEntries }));
    await this.admin.createTopics({ topics, waitForLeaders: true });
    this.created.push(...topics.map((t) => t.topic));
    // On a loaded broker a new topic's metadata can lag its creation; producers would fail on it.
    for (const { topic } of topics) {
      await eventually(`topic ${topic} is served`, () => this.admin.fetchTopicOffsets(topic).then(() => true, () => false), 60_000);
    }
  }

  /**
   * Denies this plaintext cluster's only principal (User:ANONYMOUS) writing to `topic`: the local
   * broker enforces ACLs and allows whatever none names. Returns how to lift the denial.
   */
  async denyWrites(topic: string): Promise<() => Promise<unknown>> {
    const acl = {
      resourceType: AclResourceTypes.TOPIC,
      resourceName: topic,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: 'User:ANONYMOUS',
      host: '*',
      operation: AclOperationTypes.WRITE,
      permissionType: AclPermissionTypes.DENY,
    };
    // An ACL on the topic also ends the "no ACL found" allowance for describing it, so a client
    // that knows the topic fails its metadata refreshes: these admins know no topic.
    const aclAdmin = async (use: (admin: Admin) => Promise<unknown>) => {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await use(admin);
      } finally {
        await admin.disconnect();
      }
    };
    await aclAdmin((admin) => admin.createAcls({ acl: [acl] }));
    return () => aclAdmin((admin) => admin.deleteAcls({ filters: [acl] }));
  }

  /** Registers the Item schema for the topics' subjects, as the deployment's schema Job does. */
  async registerSchemas(...topics: string[]): Promise<void> {
    for (const topic of topics) await this.publisherSerde.register(topic);
  }

  async encode(topic: string, item: Item): Promise<Buffer> {
    return this.publisherSerde.encode(topic, item);
  }

  async publish(topic: string, items: readonly Item[], options: { partition?: number; key?: (item: Item) => string } = {}): Promise<void> {
    const messages = await Promise.all(items.map(async (item) => ({ key: options.key?.(item) ?? item.id, value: await this.encode(topic, item), partition: options.partition })));
    await this.publishRaw(topic, messages);
  }

  async publishRaw(topic: string, messages: Message[]): Promise<void> {
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    for (let i = 0; i < messages.length; i += 200) await this.producer.send({ topic, acks: -1, messages: messages.slice(i, i + 200) });
  }

  /** Publishes in a transaction that is then aborted: read_committed consumers never see these. */
  async publishAborted(topic: string, items: readonly Item[], partition: number): Promise<void> {
    const producer = this.kafka.producer({ transactionalId: `${this.prefix}-aborting-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages: await Promise.all(items.map(async (item) => ({ key: item.id, value: await this.encode(topic, item), partition }))) });
    await transaction.abort();
    await producer.disconnect();
  }

  runner(stage: Stage<unknown>, overrides: Partial<StageRunnerOptions> = {}): StageRunner {
    const runner = new StageRunner({
      stage,
      kafka: this.kafka,
      codec: new AvroSerde(this.registry, this.schemas),
      groupId: `${this.prefix}.group`,
      deadLetterTopic: this.topic('dlq'),
      deadLetterKeys: this.deadLetterKeys,
      retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 500 },
      chunk: { maxRecords: 100, maxBytes: 4 * 1024 * 1024 },
      partitionsConsumedConcurrently: 4,
      observer: new RecordingObserver(),
      logger: new RecordingLogger(),
      haltRetryMs: 1_000,
      stallGraceMs: 1_000,
      lagSampleMs: 300,
      sessionTimeoutMs: 6_000,
      ...overrides,
    });
    this.runners.push(runner);
    return runner;
  }

  /** Every committed record of a topic from the beginning, decoded (Items) or raw (dead letters). */
  async readAll(topic: string, options: { readonly raw?: boolean } = {}): Promise<Array<{ key: string | null; value: Item | null; raw: Buffer | null; headers: Record<string, string> }>> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const pending = new Map(ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]));
    const found: Array<{ key: string | null; value: Item | null; raw: Buffer | null; headers: Record<string, string> }> = [];
    if (pending.size === 0) return found;
    const consumer = this.kafka.consumer({ groupId: `${this.prefix}.reader.${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      let lastProgress = Date.now();
      const idle = setInterval(() => {
        // A read_committed reader never sees the markers at a topic's end; stop once it is quiet.
        if (Date.now() - lastProgress > 2_000) {
          clearInterval(idle);
          resolve();
        }
      }, 200);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          lastProgress = Date.now();
          found.push({
            key: message.key?.toString() ?? null,
            raw: message.value,
            value: options.raw || message.value === null ? null : await this.publisherSerde.decode<Item>(topic, message.value),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
          if (BigInt(message.offset) + 1n >= (pending.get(partition) ?? 0n)) pending.delete(partition);
          if (pending.size === 0) {
            clearInterval(idle);
            resolve();
          }
        },
      });
    });
    await done;
    await consumer.disconnect();
    return found;
  }

  async committedOffset(topic: string, partition: number, groupId = `${this.prefix}.group`): Promise<bigint> {
    const [offsets] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return BigInt(offsets?.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
  }

  async endOffset(topic: string, partition: number): Promise<bigint> {
    return BigInt((await this.admin.fetchTopicOffsets(topic)).find((e) => e.partition === partition)!.high);
  }

  async deleteTopic(topic: string): Promise<void> {
    await this.admin.deleteTopics({ topics: [topic] });
    this.created.splice(this.created.indexOf(topic), 1);
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop().catch(() => undefined)));
    await this.producer?.disconnect();
    if (this.created.length > 0) await this.admin.deleteTopics({ topics: this.created }).catch(() => undefined);
    await this.admin.disconnect();
  }
}

/** Polls `condition` until it holds; throws with `what` after `timeoutMs`. */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const items = (count: number, prefix = 'item', body = 'x'): Item[] => Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, body }));

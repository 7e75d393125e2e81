import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { AvroSerde, SchemaRegistryClient, type TopicSchemaSource } from '@furnish/shared-avro-serde';
import { consumerGroupOf } from '@furnish/shared-contracts';
import { resolveConnectionSecurity } from '@furnish/shared-connection-security';
import { LivenessService, PrometheusStageObserver, ReadinessService } from '@furnish/shared-observability';
import type { Stage } from '@furnish/shared-stage-api';
import { deadLetterKeyRingOf } from './dead-letter-keys';
import { createKafka } from './kafka-client';
import type { StageRuntimeConfig } from './stage-runtime.config';
import { StageRunner } from './stage-runner';

export const STAGE_RUNTIME_CONFIG = Symbol('STAGE_RUNTIME_CONFIG');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const TOPIC_SCHEMA_SOURCE = Symbol('TOPIC_SCHEMA_SOURCE');
const STAGE = Symbol('STAGE');

export interface StageRuntimeModuleOptions {
  readonly stage: Type<Stage<unknown>>;
  readonly config: StageRuntimeConfig;
  /** The schema catalogue the serde reads and writes with. */
  readonly schemas: TopicSchemaSource;
  readonly deadLetterTopic: string;
  readonly imports?: ModuleMetadata['imports'];
  readonly providers?: ModuleMetadata['providers'];
}

/** Starts the runner once the application is up and stops it first on SIGTERM. */
@Injectable()
class StageRunnerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runner: StageRunner,
    readiness: ReadinessService,
    liveness: LivenessService,
  ) {
    readiness.register('stage-progress', () => runner.notReadyReasons());
    liveness.register('kafka-consumer', () => runner.isLive());
  }

  private starting: Promise<void> | undefined;

  /** Not awaited: the runner waits for Kafka itself, and health and metrics must answer meanwhile. */
  onApplicationBootstrap(): void {
    this.starting = this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.starting;
  }
}

/**
 * Nest wiring for one stage: a provider that owns its Kafka consumer and per-partition
 * transactional producers (Nest's ServerKafka is per-message and has no transactions).
 */
@Module({})
export class StageRuntimeModule {
  static forStage(options: StageRuntimeModuleOptions): DynamicModule {
    // Reads the mounted secrets now: a missing or unreadable file stops start-up naming its variable.
    const security = resolveConnectionSecurity(options.config);
    const deadLetterKeys = deadLetterKeyRingOf(options.config);
    return {
      module: StageRuntimeModule,
      imports: options.imports ?? [],
      providers: [
        ...(options.providers ?? []),
        { provide: STAGE_RUNTIME_CONFIG, useValue: options.config },
        { provide: TOPIC_SCHEMA_SOURCE, useValue: options.schemas },
        { provide: STAGE, useClass: options.stage },
        {
          // Not derived from the stage instance: stages may depend on the client (e.g. an admin).
          provide: KAFKA_CLIENT,
          useFactory: () => createKafka(`furnish-${options.stage.name}`, options.config.KAFKA_BROKERS, new Logger('kafka'), security.kafka),
        },
        {
          provide: SchemaRegistryClient,
          useFactory: () => new SchemaRegistryClient({ url: options.config.SCHEMA_REGISTRY_URL, ...security.registry }),
        },
        {
          provide: AvroSerde,
          inject: [SchemaRegistryClient, TOPIC_SCHEMA_SOURCE],
          useFactory: (registry: SchemaRegistryClient, schemas: TopicSchemaSource) =>
            new AvroSerde(registry, schemas, { decodeLimits: { maxCollectionItems: options.config.AVRO_MAX_COLLECTION_ITEMS } }),
        },
        {
          provide: StageRunner,
          inject: [STAGE, KAFKA_CLIENT, AvroSerde, Registry],
          useFactory: (stage: Stage<unknown>, kafka: Kafka, serde: AvroSerde, registry: Registry) =>
            new StageRunner({
              stage,
              kafka,
              codec: serde,
              groupId: options.config.KAFKA_CONSUMER_GROUP ?? consumerGroupOf(stage.name),
              deadLetterTopic: options.deadLetterTopic,
              deadLetterKeys,
              retry: {
                maxAttempts: options.config.STAGE_RETRY_MAX_ATTEMPTS,
                initialDelayMs: options.config.STAGE_RETRY_INITIAL_DELAY_MS,
                maxDelayMs: options.config.STAGE_RETRY_MAX_DELAY_MS,
              },
              chunk: { maxRecords: options.config.STAGE_CHUNK_SIZE, maxBytes: options.config.STAGE_CHUNK_MAX_BYTES },
              maxMessageBytes: options.config.STAGE_MAX_MESSAGE_BYTES,
              transactionTimeoutMs: options.config.STAGE_TRANSACTION_TIMEOUT_MS,
              haltRetryMs: options.config.STAGE_HALT_RETRY_MS,
              stallGraceMs: options.config.STAGE_STALL_READINESS_MS,
              lagSampleMs: options.config.STAGE_LAG_SAMPLE_MS,
              sessionTimeoutMs: options.config.KAFKA_SESSION_TIMEOUT_MS,
              partitionsConsumedConcurrently: options.config.STAGE_PARTITIONS_CONCURRENCY,
              observer: new PrometheusStageObserver(stage.name, registry, stage.outputTopics),
              logger: new Logger(`stage-runner`),
            }),
        },
        StageRunnerLifecycle,
      ],
      exports: [STAGE_RUNTIME_CONFIG, KAFKA_CLIENT, AvroSerde, SchemaRegistryClient, StageRunner],
    };
  }
}

export const InjectStageRuntimeConfig = (): ParameterDecorator => Inject(STAGE_RUNTIME_CONFIG);

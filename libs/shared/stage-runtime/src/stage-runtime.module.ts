import { Inject, Logger, Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { AvroSerde, SchemaRegistryClient, type TopicSchemaSource } from '@furnish/shared-avro-serde';
import { consumerGroupOf } from '@furnish/shared-contracts';
import { resolveConnectionSecurity } from '@furnish/shared-connection-security';
import { LivenessService, PrometheusStageObserver, ReadinessService } from '@furnish/shared-observability';
import type { Stage } from '@furnish/shared-stage-api';
import { deadLetterKeyRingOf } from './dead-letter-keys';
import { KafkaExactlyOnceServer } from './kafka-exactly-once.server';
import { createKafka } from './kafka-client';
import type { StageRuntimeConfig } from './stage-runtime.config';
import { StageRunner } from './stage-runner';

export const STAGE_RUNTIME_CONFIG = Symbol('STAGE_RUNTIME_CONFIG');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const TOPIC_SCHEMA_SOURCE = Symbol('TOPIC_SCHEMA_SOURCE');

export interface StageRuntimeModuleOptions {
  /** The stage's controller: a Stage whose `process` is declared with @StageHandler(its input topics). */
  readonly stage: Type<Stage<unknown>>;
  readonly config: StageRuntimeConfig;
  /** The schema catalogue the serde reads and writes with. */
  readonly schemas: TopicSchemaSource;
  readonly deadLetterTopic: string;
  readonly imports?: ModuleMetadata['imports'];
  readonly providers?: ModuleMetadata['providers'];
}

/**
 * Nest wiring for one stage: the stage as a controller, whose @StageHandler Nest registers with the
 * KafkaExactlyOnceServer provided here (the service connects it with `connectMicroservice`), and
 * what the server's StageRunner needs.
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
      controllers: [options.stage],
      providers: [
        ...(options.providers ?? []),
        { provide: STAGE_RUNTIME_CONFIG, useValue: options.config },
        { provide: TOPIC_SCHEMA_SOURCE, useValue: options.schemas },
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
          provide: KafkaExactlyOnceServer,
          inject: [ModuleRef, KAFKA_CLIENT, AvroSerde, Registry, ReadinessService, LivenessService],
          useFactory: (moduleRef: ModuleRef, kafka: Kafka, serde: AvroSerde, registry: Registry, readiness: ReadinessService, liveness: LivenessService) => {
            const createRunner = (stage: Stage<unknown>) =>
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
                fetch: { minBytes: options.config.STAGE_FETCH_MIN_BYTES, maxWaitMs: options.config.STAGE_FETCH_MAX_WAIT_MS },
                observer: new PrometheusStageObserver(stage.name, registry, stage.outputTopics),
                logger: new Logger(`stage-runner`),
            });
            const server = new KafkaExactlyOnceServer({ stage: () => moduleRef.get(options.stage), createRunner });
            readiness.register('stage-progress', () => server.notReadyReasons());
            liveness.register('kafka-consumer', () => server.isLive());
            return server;
          },
        },
      ],
      exports: [STAGE_RUNTIME_CONFIG, KAFKA_CLIENT, AvroSerde, SchemaRegistryClient, KafkaExactlyOnceServer],
    };
  }
}

export const InjectStageRuntimeConfig = (): ParameterDecorator => Inject(STAGE_RUNTIME_CONFIG);

import { z } from 'zod';
import { AVRO_SERDE_ENV } from '@furnish/shared-avro-serde';
import { CONNECTION_SECURITY_ENV } from '@furnish/shared-connection-security';
import { env } from '@furnish/shared-util-config';

/** Environment variables every stage service reads (documented in docs/configuration.md). */
export const STAGE_RUNTIME_ENV = {
  ...AVRO_SERDE_ENV,
  ...CONNECTION_SECURITY_ENV,
  KAFKA_BROKERS: env.brokers('localhost:9092'),
  SCHEMA_REGISTRY_URL: env.url('http://localhost:8081/apis/ccompat/v7', ['http:', 'https:']),
  /** Overrides the consumer group (default furnish.<stage>); also the transactional-id prefix. */
  KAFKA_CONSUMER_GROUP: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must contain only letters, digits, . _ -').optional(),
  STAGE_CHUNK_SIZE: env.int(500, 1, 10_000),
  /** A chunk (one transaction) is also cut at this many input bytes; a larger record is a chunk alone. */
  STAGE_CHUNK_MAX_BYTES: env.int(4 * 1024 * 1024, 1024, 256 * 1024 * 1024),
  /** Overrides every topic's max.message.bytes, otherwise read from the cluster at start-up. */
  STAGE_MAX_MESSAGE_BYTES: z.coerce.number({ error: 'must be a whole number of bytes' }).int('must be a whole number of bytes').min(1024, 'must be at least 1024').optional(),
  STAGE_TRANSACTION_TIMEOUT_MS: env.int(60_000, 1_000, 900_000),
  STAGE_HALT_RETRY_MS: env.int(30_000, 100, 3_600_000),
  STAGE_STALL_READINESS_MS: env.int(30_000, 0, 3_600_000),
  STAGE_LAG_SAMPLE_MS: env.int(5_000, 100, 600_000),
  KAFKA_SESSION_TIMEOUT_MS: env.int(30_000, 6_000, 300_000),
  STAGE_PARTITIONS_CONCURRENCY: env.int(6, 1, 64),
  /** A fetch returns once this many bytes are ready for the member, or after STAGE_FETCH_MAX_WAIT_MS. */
  STAGE_FETCH_MIN_BYTES: env.int(1, 1, 64 * 1024 * 1024),
  /** Below FetchActivity's 60 s silence threshold by far: a fetch in flight is the loop alive. */
  STAGE_FETCH_MAX_WAIT_MS: env.int(250, 10, 5_000),
  STAGE_RETRY_MAX_ATTEMPTS: env.int(5, 1, 100),
  STAGE_RETRY_INITIAL_DELAY_MS: env.int(100, 1, 60_000),
  STAGE_RETRY_MAX_DELAY_MS: env.int(10_000, 1, 600_000),
  /** The dead-letter key ring, a mounted secret: `<key-id>:<base64 of 32 bytes>` per line (docs/configuration.md). */
  DLQ_KEK_FILE: z.string().min(1, 'must be a file path').optional(),
  /** The key id new dead letters are sealed under; required when DLQ_KEK_FILE holds more than one key. */
  DLQ_KEK_CURRENT: z.string().min(1, 'must name a key id of DLQ_KEK_FILE').optional(),
  /** V8's old-generation growing factor after a full collection, in percent over 1 (applyHeapGrowingPercent); 0 keeps V8's. */
  HEAP_GROWING_PERCENT: env.int(100, 0, 900),
  HTTP_PORT: env.port(9100),
  LOG_LEVEL: env.oneOf(['debug', 'info', 'warn', 'error'] as const, 'info'),
};

export const stageRuntimeConfigSchema = z.object(STAGE_RUNTIME_ENV);
export type StageRuntimeConfig = z.infer<typeof stageRuntimeConfigSchema>;

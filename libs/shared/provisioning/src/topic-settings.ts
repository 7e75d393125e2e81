import { z } from 'zod';
import { env, loadConfig } from '@furnish/shared-util-config';
import { isDeadLetterTopic, type TopicSpec } from '@furnish/shared-contracts';

/** Kafka's own default retention (7 days); the pipeline topics keep it unless told otherwise. */
export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Dead letters wait for an operator (investigate, fix, replay): 30 days covers a month-end close. */
export const DEFAULT_DLQ_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** How the topics are created; local defaults, production values in docs/configuration.md. */
export interface TopicSettings {
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly retentionMs: number;
  readonly deadLetterRetentionMs: number;
  /** Partition counts that replace the declared ones (only to grow a topic, or for a new one). */
  readonly partitions: Readonly<Record<string, number>>;
}

/** A topic as the provisioner wants it: the managed configuration entries are exactly `config`. */
export interface DesiredTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string>>;
}


const partitionOverrides = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9._-]+=[1-9]\d{0,4}$/, 'each entry must be <topic>=<partitions>')))
  .transform((entries) => Object.fromEntries(entries.map((entry) => entry.split('=')).map(([topic, count]) => [topic!, Number(count)])));

/** Environment variables of `provisioner topics` (flags of the same meaning override them). */
export const TOPIC_SETTINGS_ENV = {
  TOPIC_REPLICATION_FACTOR: env.int(1, 1, 32),
  TOPIC_MIN_INSYNC_REPLICAS: env.int(1, 1, 32),
  TOPIC_RETENTION_MS: env.int(DEFAULT_RETENTION_MS, 60_000, Number.MAX_SAFE_INTEGER),
  TOPIC_DLQ_RETENTION_MS: env.int(DEFAULT_DLQ_RETENTION_MS, 60_000, Number.MAX_SAFE_INTEGER),
  /** `<topic>=<partitions>[,…]`: grows a topic beyond its declared partition count. */
  TOPIC_PARTITIONS: partitionOverrides,
};

const topicSettingsSchema = z
  .object(TOPIC_SETTINGS_ENV)
  .refine((s) => s.TOPIC_MIN_INSYNC_REPLICAS <= s.TOPIC_REPLICATION_FACTOR, {
    path: ['TOPIC_MIN_INSYNC_REPLICAS'],
    message: 'must not exceed TOPIC_REPLICATION_FACTOR (no write could ever be acknowledged)',
  });

/** Reads the settings; a ConfigError names the variable that is wrong. */
export function topicSettingsFromEnv(environment: NodeJS.ProcessEnv): TopicSettings {
  const parsed = loadConfig(topicSettingsSchema, environment);
  return {
    replicationFactor: parsed.TOPIC_REPLICATION_FACTOR,
    minInsyncReplicas: parsed.TOPIC_MIN_INSYNC_REPLICAS,
    retentionMs: parsed.TOPIC_RETENTION_MS,
    deadLetterRetentionMs: parsed.TOPIC_DLQ_RETENTION_MS,
    partitions: parsed.TOPIC_PARTITIONS,
  };
}

/** Every declared topic with the settings applied; unknown topic names in the overrides are an error. */
export function desiredTopics(specs: readonly TopicSpec[], settings: TopicSettings): DesiredTopic[] {
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = Object.keys(settings.partitions).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new RangeError(`partition overrides name unknown topics: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  return specs.map((spec) => ({
    name: spec.name,
    partitions: settings.partitions[spec.name] ?? spec.partitions,
    replicationFactor: settings.replicationFactor,
    config: {
      ...spec.config,
      'min.insync.replicas': String(settings.minInsyncReplicas),
      'retention.ms': String(isDeadLetterTopic(spec.name) ? settings.deadLetterRetentionMs : settings.retentionMs),
    },
  }));
}

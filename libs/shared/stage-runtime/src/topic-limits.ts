import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { KafkaDeploymentError, protocolErrorType } from './classify-error';

/** Kafka's default `message.max.bytes` (1 MiB + the record batch overhead). */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * The largest record batch each topic accepts (`max.message.bytes`, which defaults to the broker's
 * `message.max.bytes`), read from the cluster. `configured` overrides it for every topic when set
 * (STAGE_MAX_MESSAGE_BYTES); when the cluster refuses DescribeConfigs the Kafka default applies and
 * the caller is told, so a smaller cluster limit is never exceeded silently. Each topic is described
 * on its own so that a missing one is named: that is a deployment fault (TOPIC_MISSING).
 */
export async function readTopicLimits(
  admin: Admin,
  topics: readonly string[],
  configured: number | undefined,
): Promise<{ readonly limitOf: (topic: string) => number; readonly source: string }> {
  if (configured !== undefined) return { limitOf: () => configured, source: `STAGE_MAX_MESSAGE_BYTES=${configured}` };
  const limits = new Map<string, number>();
  for (const topic of topics) {
    const bytes = await describeMaxMessageBytes(admin, topic);
    if (bytes !== undefined) limits.set(topic, bytes);
  }
  const missing = topics.filter((topic) => !limits.has(topic));
  return {
    limitOf: (topic) => limits.get(topic) ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
    source: missing.length === 0 ? 'max.message.bytes of each topic' : `max.message.bytes (Kafka default for ${missing.join(', ')})`,
  };
}

async function describeMaxMessageBytes(admin: Admin, topic: string): Promise<number | undefined> {
  try {
    const response = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
    });
    const bytes = Number(response.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue);
    return Number.isInteger(bytes) && bytes > 0 ? bytes : undefined;
  } catch (error) {
    if (protocolErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') {
      throw new KafkaDeploymentError('TOPIC_MISSING', `UNKNOWN_TOPIC_OR_PARTITION: topic ${topic} does not exist`, { cause: error });
    }
    throw error;
  }
}

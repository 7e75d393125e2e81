import { ConfigResourceTypes, type Admin } from 'kafkajs';

/** Kafka's default `message.max.bytes` (1 MiB + the record batch overhead). */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * The largest record batch each topic accepts (`max.message.bytes`, which defaults to the broker's
 * `message.max.bytes`), read from the cluster once at start-up. `configured` overrides it for
 * every topic when set (STAGE_MAX_MESSAGE_BYTES); when the cluster refuses DescribeConfigs the
 * Kafka default applies and the caller is told, so a smaller cluster limit is never exceeded silently.
 */
export async function readTopicLimits(
  admin: Admin,
  topics: readonly string[],
  configured: number | undefined,
): Promise<{ readonly limitOf: (topic: string) => number; readonly source: string }> {
  if (configured !== undefined) return { limitOf: () => configured, source: `STAGE_MAX_MESSAGE_BYTES=${configured}` };
  const response = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] })),
  });
  const limits = new Map<string, number>();
  for (const resource of response.resources) {
    const entry = resource.configEntries.find((e) => e.configName === 'max.message.bytes');
    const bytes = Number(entry?.configValue);
    if (resource.errorCode === 0 && Number.isInteger(bytes) && bytes > 0) limits.set(resource.resourceName, bytes);
  }
  const missing = topics.filter((topic) => !limits.has(topic));
  return {
    limitOf: (topic) => limits.get(topic) ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
    source: missing.length === 0 ? 'max.message.bytes of each topic' : `max.message.bytes (Kafka default for ${missing.join(', ')})`,
  };
}

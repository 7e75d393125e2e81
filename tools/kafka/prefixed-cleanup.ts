import type { Admin } from 'kafkajs';
import { TOPIC_PREFIX, TOPIC_SPECS } from '@furnish/shared-contracts';

/**
 * Deletes the pipeline's topics and every consumer group under this process's topic prefix: what
 * the bench and the chaos run leave behind on their own names. Refuses without a prefix, so the
 * contract's topics can never be deleted this way. Registry subjects stay (they cost nothing).
 */
export async function deletePrefixedTopicsAndGroups(admin: Admin, extraTopics: readonly string[] = []): Promise<{ topics: number; groups: number }> {
  if (TOPIC_PREFIX === '') throw new Error('refusing to delete the unprefixed (contract) topics');
  const { groups } = await admin.listGroups();
  const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(TOPIC_PREFIX));
  if (ours.length > 0) await admin.deleteGroups(ours);
  const existing = new Set(await admin.listTopics());
  const topics = [...TOPIC_SPECS.map((spec) => spec.name), ...extraTopics].filter((topic) => topic.startsWith(TOPIC_PREFIX) && existing.has(topic));
  if (topics.length > 0) await admin.deleteTopics({ topics });
  return { topics: topics.length, groups: ours.length };
}

import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { TopicChangeRefusedError } from './errors';
import { describePlan, planTopics, type ExistingTopic, type TopicPlan } from './topic-plan';
import type { DesiredTopic } from './topic-settings';

export interface TopicsReport {
  readonly plan: TopicPlan;
  /** One line per change made; empty when the cluster already matched. */
  readonly changes: readonly string[];
}

/**
 * Creates missing topics, adds partitions and sets the managed configuration entries; refuses
 * (before changing anything) what would shrink a topic. Idempotent: a second run changes nothing.
 * `alterConfigs` replaces a topic's whole dynamic configuration, so the managed entries are the
 * topic's configuration: hand-made changes to other entries are reset when a managed one drifts.
 */
export async function provisionTopics(admin: Admin, desired: readonly DesiredTopic[]): Promise<TopicsReport> {
  const plan = planTopics(desired, await readExisting(admin, desired));
  if (plan.refusals.length > 0) throw new TopicChangeRefusedError(plan.refusals);
  if (plan.create.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: plan.create.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        configEntries: configEntries(topic),
      })),
    });
  }
  if (plan.alterConfig.length > 0) {
    await admin.alterConfigs({
      validateOnly: false,
      resources: plan.alterConfig.map(({ topic }) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries: configEntries(topic) })),
    });
  }
  if (plan.addPartitions.length > 0) {
    await admin.createPartitions({ topicPartitions: plan.addPartitions.map(({ topic }) => ({ topic: topic.name, count: topic.partitions })) });
  }
  return { plan, changes: describePlan(plan) };
}

const configEntries = (topic: DesiredTopic) => Object.entries(topic.config).map(([name, value]) => ({ name, value }));

async function readExisting(admin: Admin, desired: readonly DesiredTopic[]): Promise<Map<string, ExistingTopic>> {
  const names = new Set(await admin.listTopics());
  const present = desired.filter((topic) => names.has(topic.name));
  const existing = new Map<string, ExistingTopic>();
  if (present.length === 0) return existing;
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name, configNames: Object.keys(topic.config) })),
    }),
  ]);
  for (const topic of metadata.topics) {
    const resource = configs.resources.find((r) => r.resourceName === topic.name);
    existing.set(topic.name, {
      partitions: topic.partitions.length,
      replicationFactor: Math.min(...topic.partitions.map((p) => p.replicas.length)),
      config: Object.fromEntries((resource?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue])),
    });
  }
  return existing;
}

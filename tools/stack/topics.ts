import { ConfigResourceTypes } from 'kafkajs';
import { withKafkaAdmin } from './kafka.admin';

export interface DeclaredTopic {
  readonly name: string;
  readonly partitions: number;
  readonly config?: Readonly<Record<string, string>>;
}

const configEntries = (topic: DeclaredTopic) => Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value }));

export interface TopicsReport {
  readonly created: readonly string[];
  readonly expanded: readonly string[];
  readonly unchanged: readonly string[];
  /** Topics with more partitions than declared; Kafka cannot shrink them, so they are left alone. */
  readonly oversized: readonly string[];
}

/** Creates missing topics and adds missing partitions (replication 1); never deletes or shrinks. */
export async function ensureTopics(brokers: readonly string[], declared: readonly DeclaredTopic[]): Promise<TopicsReport> {
  return withKafkaAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = declared.filter((topic) => !existing.has(topic.name));
    const present = declared.filter((topic) => existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          replicationFactor: 1,
          configEntries: configEntries(topic),
        })),
      });
    }
    const configured = present.filter((topic) => topic.config);
    if (configured.length > 0) {
      // Declared settings win over drift: the filter's correctness depends on them.
      await admin.alterConfigs({
        validateOnly: false,
        resources: configured.map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries: configEntries(topic) })),
      });
    }
    const counts = new Map<string, number>();
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) });
      for (const topic of metadata.topics) counts.set(topic.name, topic.partitions.length);
    }
    const tooFew = present.filter((topic) => (counts.get(topic.name) ?? 0) < topic.partitions);
    if (tooFew.length > 0) {
      await admin.createPartitions({
        topicPartitions: tooFew.map((topic) => ({ topic: topic.name, count: topic.partitions })),
      });
    }
    return {
      created: missing.map((topic) => topic.name),
      expanded: tooFew.map((topic) => `${topic.name} ${counts.get(topic.name)}→${topic.partitions}`),
      unchanged: present.filter((topic) => counts.get(topic.name) === topic.partitions).map((topic) => topic.name),
      oversized: present
        .filter((topic) => (counts.get(topic.name) ?? 0) > topic.partitions)
        .map((topic) => `${topic.name} (${counts.get(topic.name)} > ${topic.partitions})`),
    };
  });
}

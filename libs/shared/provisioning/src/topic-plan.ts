import type { DesiredTopic } from './topic-settings';

/** What a topic looks like on the cluster now (only the managed configuration entries matter). */
export interface ExistingTopic {
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string | undefined>>;
}

export interface ConfigChange {
  readonly name: string;
  readonly from: string | undefined;
  readonly to: string;
}

export interface TopicPlan {
  readonly create: readonly DesiredTopic[];
  readonly addPartitions: ReadonlyArray<{ readonly topic: DesiredTopic; readonly from: number }>;
  readonly alterConfig: ReadonlyArray<{ readonly topic: DesiredTopic; readonly changes: readonly ConfigChange[] }>;
  readonly unchanged: readonly string[];
  /** Changes Kafka cannot make in place or that would lose data; nothing is applied while any exist. */
  readonly refusals: readonly string[];
}

/**
 * Compares the declared topics with the cluster. Partitions only grow (Kafka cannot shrink a topic
 * and recreating it would lose records and every committed offset); a replication factor below the
 * declared one needs a partition reassignment, which is an operator's decision, so it is refused too.
 */
export function planTopics(desired: readonly DesiredTopic[], existing: ReadonlyMap<string, ExistingTopic>): TopicPlan {
  const create: DesiredTopic[] = [];
  const addPartitions: Array<{ topic: DesiredTopic; from: number }> = [];
  const alterConfig: Array<{ topic: DesiredTopic; changes: ConfigChange[] }> = [];
  const unchanged: string[] = [];
  const refusals: string[] = [];
  for (const topic of desired) {
    const current = existing.get(topic.name);
    if (!current) {
      create.push(topic);
      continue;
    }
    if (current.partitions > topic.partitions) {
      refusals.push(
        `${topic.name}: has ${current.partitions} partitions, ${topic.partitions} requested; Kafka cannot remove partitions ` +
          `(raise the declared count or pass --partitions ${topic.name}=${current.partitions})`,
      );
    }
    if (current.replicationFactor < topic.replicationFactor) {
      refusals.push(
        `${topic.name}: replication factor is ${current.replicationFactor}, ${topic.replicationFactor} requested; ` +
          'raise it with a partition reassignment (kafka-reassign-partitions), the provisioner does not move replicas',
      );
    }
    const changes = Object.entries(topic.config)
      .filter(([name, value]) => current.config[name] !== value)
      .map(([name, to]) => ({ name, from: current.config[name], to }));
    if (changes.length > 0) alterConfig.push({ topic, changes });
    if (current.partitions < topic.partitions) addPartitions.push({ topic, from: current.partitions });
    if (changes.length === 0 && current.partitions === topic.partitions) unchanged.push(topic.name);
  }
  return { create, addPartitions, alterConfig, unchanged, refusals };
}

/** One line per change, for the command's output. */
export function describePlan(plan: TopicPlan): string[] {
  return [
    ...plan.create.map((t) => `created ${t.name} (${t.partitions} partitions, replication ${t.replicationFactor}, ${formatConfig(t.config)})`),
    ...plan.addPartitions.map(({ topic, from }) => `partitions ${topic.name} ${from} → ${topic.partitions}`),
    ...plan.alterConfig.map(({ topic, changes }) => `configured ${topic.name}: ${changes.map((c) => `${c.name} ${c.from ?? '(unset)'} → ${c.to}`).join(', ')}`),
  ];
}

const formatConfig = (config: Readonly<Record<string, string>>) =>
  Object.entries(config)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');

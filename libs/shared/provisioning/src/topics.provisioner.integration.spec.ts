import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { TopicChangeRefusedError } from './errors';
import { provisionTopics } from './topics.provisioner';
import type { DesiredTopic } from './topic-settings';

// Real broker from `npm run stack:up`; topics of this run only, deleted afterwards.
const BROKERS = (process.env['KAFKA_BROKERS'] ?? 'localhost:9092').split(',');
const RUN = randomBytes(4).toString('hex');
const input = `provisioning-test.${RUN}.input`;
const deadLetters = `provisioning-test.${RUN}.dlq`;

let admin: Admin;

beforeAll(async () => {
  admin = new Kafka({ clientId: 'provisioning-spec', brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [input, deadLetters] }).catch(() => undefined);
  await admin.disconnect();
});

const declared = (inputPartitions: number, retentionMs = '604800000'): DesiredTopic[] => [
  { name: input, partitions: inputPartitions, replicationFactor: 1, config: { 'message.timestamp.type': 'LogAppendTime', 'min.insync.replicas': '1', 'retention.ms': retentionMs } },
  { name: deadLetters, partitions: 1, replicationFactor: 1, config: { 'min.insync.replicas': '1', 'retention.ms': '2592000000' } },
];

async function topicState(topic: string): Promise<{ partitions: number; config: Record<string, string> }> {
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: [topic] }),
    admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] }),
  ]);
  return {
    partitions: metadata.topics[0]!.partitions.length,
    config: Object.fromEntries(configs.resources[0]!.configEntries.map((e) => [e.configName, e.configValue])),
  };
}

describe('provisionTopics against the broker', () => {
  it('creates, re-runs as a no-op, grows, reconfigures and refuses to shrink', async () => {
    const created = await provisionTopics(admin, declared(2));
    expect(created.plan.create.map((t) => t.name)).toEqual([input, deadLetters]);
    expect(await topicState(input)).toMatchObject({ partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime', 'retention.ms': '604800000' } });
    expect((await topicState(deadLetters)).config['retention.ms']).toBe('2592000000');

    const again = await provisionTopics(admin, declared(2));
    expect(again.changes).toEqual([]);
    expect(again.plan.unchanged).toEqual([input, deadLetters]);

    // Drift made by hand is put back; a larger count grows the topic.
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: input, configEntries: [{ name: 'message.timestamp.type', value: 'CreateTime' }] }] });
    const grown = await provisionTopics(admin, declared(4, '86400000'));
    expect(grown.changes).toEqual([
      `partitions ${input} 2 → 4`,
      `configured ${input}: message.timestamp.type CreateTime → LogAppendTime, retention.ms 604800000 → 86400000`,
    ]);
    expect(await topicState(input)).toMatchObject({ partitions: 4, config: { 'message.timestamp.type': 'LogAppendTime', 'retention.ms': '86400000' } });

    const shrink = provisionTopics(admin, declared(3, '1000'));
    await expect(shrink).rejects.toThrow(TopicChangeRefusedError);
    await expect(provisionTopics(admin, declared(3, '1000'))).rejects.toThrow(`${input}: has 4 partitions, 3 requested`);
    // Refused as a whole: the retention change declared beside it was not applied either.
    expect(await topicState(input)).toMatchObject({ partitions: 4, config: { 'retention.ms': '86400000' } });
  });
});

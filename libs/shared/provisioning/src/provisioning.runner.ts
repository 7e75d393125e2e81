import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { AvroSerde, SchemaRegistryClient, type SchemaRegistryClientOptions } from '@furnish/shared-avro-serde';
import { SchemaCatalog, TOPIC_SPECS } from '@furnish/shared-contracts';
import { registerSchemas, type RegisteredSubject } from './schemas.provisioner';
import { provisionTopics, type TopicsReport } from './topics.provisioner';
import { desiredTopics, type TopicSettings } from './topic-settings';

/** How to reach the cluster: brokers plus, for a secured cluster, kafkajs `ssl`/`sasl`. */
export type KafkaConnection = Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'> & { readonly brokers: string[] };

/** `provisioner topics` and the local stack's topics step: every declared topic, with the settings. */
export async function provisionAllTopics(connection: KafkaConnection, settings: TopicSettings): Promise<TopicsReport> {
  const desired = desiredTopics(TOPIC_SPECS, settings);
  const kafka = new Kafka({
    ...connection,
    clientId: 'furnish-provisioner',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { retries: 3, initialRetryTime: 300 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await provisionTopics(admin, desired);
  } finally {
    await admin.disconnect();
  }
}

/** `provisioner schemas` and the local stack's schemas step. */
export async function registerAllSchemas(registry: SchemaRegistryClientOptions): Promise<RegisteredSubject[]> {
  const client = new SchemaRegistryClient(registry);
  try {
    const catalog = SchemaCatalog.load();
    return await registerSchemas(new AvroSerde(client, catalog), catalog);
  } finally {
    client.close();
  }
}

import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { SchemaCatalog, TOPIC_VALUE_SCHEMAS, subjectForTopic } from '@furnish/shared-contracts';

/**
 * Registers the current schema of every Avro topic under `<topic>-value`, after checking it is
 * BACKWARD compatible with what the registry already holds (the step fails naming the field).
 */
export async function registerSchemas(registryUrl: string): Promise<Array<{ subject: string; id: number }>> {
  const serde = new AvroSerde(new SchemaRegistryClient({ url: registryUrl }), SchemaCatalog.load());
  const registered: Array<{ subject: string; id: number }> = [];
  for (const topic of Object.keys(TOPIC_VALUE_SCHEMAS)) {
    registered.push({ subject: subjectForTopic(topic), id: await serde.register(topic) });
  }
  return registered;
}

import type { AvroSerde } from '@furnish/shared-avro-serde';
import { TOPIC_VALUE_SCHEMAS, subjectForTopic } from '@furnish/shared-contracts';

export interface RegisteredSubject {
  readonly subject: string;
  readonly id: number;
}

/**
 * Registers the current schema of every Avro topic under `<topic>-value`, after setting the
 * subject to BACKWARD and checking the schema against the latest version (the serde's `register`
 * fails naming the incompatible field). Already registered schemas keep their id.
 */
export async function registerSchemas(serde: AvroSerde): Promise<RegisteredSubject[]> {
  const registered: RegisteredSubject[] = [];
  for (const topic of Object.keys(TOPIC_VALUE_SCHEMAS)) {
    registered.push({ subject: subjectForTopic(topic), id: await serde.register(topic) });
  }
  return registered;
}

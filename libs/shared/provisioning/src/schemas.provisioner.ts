import type { AvroSerde } from '@furnish/shared-avro-serde';
import { TOPIC_VALUE_SCHEMAS, schemaNameForTopic, subjectForTopic, type SchemaCatalog } from '@furnish/shared-contracts';

export interface RegisteredSubject {
  readonly subject: string;
  /** Id of the current (latest) version. */
  readonly id: number;
  /** Released versions registered under the subject (v1 … current). */
  readonly versions: number;
}

/**
 * Registers every released version of each Avro topic's schema under `<topic>-value`, oldest first,
 * after setting the subject to BACKWARD and checking each version against the latest registered one
 * (the serde's `registerUnder` fails naming the incompatible field). A producer still writing an
 * older version (a loan-event v1 lender) finds its schema registered. Already registered versions
 * keep their ids.
 */
export async function registerSchemas(serde: AvroSerde, catalog: SchemaCatalog): Promise<RegisteredSubject[]> {
  const registered: RegisteredSubject[] = [];
  for (const topic of Object.keys(TOPIC_VALUE_SCHEMAS)) {
    const subject = subjectForTopic(topic);
    const versions = catalog.versions(schemaNameForTopic(topic));
    let id = 0;
    for (const version of versions) id = await serde.registerUnder(subject, version.schema);
    registered.push({ subject, id, versions: versions.length });
  }
  return registered;
}

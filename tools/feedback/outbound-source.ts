import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import type { ConnectionSecurity } from '@furnish/shared-connection-security';
import { SchemaCatalog, TOPICS, bureauOfCode, type Bureau } from '@furnish/shared-contracts';
import type { SentRecord } from '@furnish/bureau-feedback';
import { readOutboundTopic } from '@furnish/tools-submission';
import type { SentRecordSource } from './feedback-import';

/**
 * The records sent to a bureau: its outbound topic, read once per bureau and run as the submission
 * tool reads it (committed records, from the beginning to the end at the start of the read).
 */
export function outboundTopicSource(options: { readonly brokers: readonly string[]; readonly registryUrl: string; readonly security?: ConnectionSecurity; readonly timeoutMs?: number }): SentRecordSource {
  const serde = new AvroSerde(new SchemaRegistryClient({ url: options.registryUrl, ...options.security?.registry }), SchemaCatalog.load());
  const read = new Map<Bureau, Promise<SentRecord[]>>();
  return (bureau) => {
    let records = read.get(bureau);
    if (!records) {
      records = readOutboundTopic({ brokers: options.brokers, topic: TOPICS.outbound[bureau], serde, timeoutMs: options.timeoutMs ?? 60_000, kafkaSecurity: options.security?.kafka }).then((found) =>
        found.map((r) => ({ recordId: r.recordId, bureau: bureauOfCode(r.bureau), recordKind: r.recordKind, payload: r.payload, producedAt: r.producedAt })),
      );
      read.set(bureau, records);
    }
    return records;
  };
}

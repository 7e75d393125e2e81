import { randomUUID } from 'node:crypto';
import type { Type } from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import { AvroSerde, SchemaRegistryClient, type TopicSchemaSource } from '@furnish/shared-avro-serde';
import { SchemaCatalog, outboundRecordId, type OutboundRecord } from '@furnish/shared-contracts';
import { anOutboundRecord } from '@furnish/shared-contracts/testing';
import { readOutboundTopic } from './outbound-topic.reader';

const BROKERS = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const REGISTRY_URL = process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7';

/** Any test topic carries OutboundRecord values, like the real outbound topics. */
class OutboundSchemas implements TopicSchemaSource {
  private readonly catalog = SchemaCatalog.load();
  schemaForTopic(): { name: string; schema: string; type: Type } {
    return this.catalog.latest('outbound-record');
  }
  parse(schema: string): Type {
    return this.catalog.parse(schema);
  }
  subjectForTopic(topic: string): string {
    return `${topic}-value`;
  }
}

describe('readOutboundTopic against the local broker', () => {
  const kafka = new Kafka({ clientId: 'furnish-submission-test', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const serde = new AvroSerde(new SchemaRegistryClient({ url: REGISTRY_URL }), new OutboundSchemas(), { autoRegister: true });
  const topic = `test.submission.${randomUUID()}`;
  const record = (n: number): OutboundRecord => anOutboundRecord({ recordId: outboundRecordId(`event-${n}`, 'pboc-crc', 'PBOC_210') });

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reads every committed record up to the end at start, skipping aborted ones and stopping despite commit markers', async () => {
    const producer = kafka.producer({ transactionalId: `furnish-submission-test-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const send = async (n: number, partition: number, commit: boolean): Promise<void> => {
      const tx = await producer.transaction();
      await tx.send({ topic, messages: [{ key: `k${n}`, partition, value: await serde.encode(topic, record(n)) }] });
      if (commit) await tx.commit();
      else await tx.abort();
    };
    await send(1, 0, true);
    await send(2, 1, true);
    await send(3, 0, false);
    await send(4, 1, true);

    const read = await readOutboundTopic({ brokers: BROKERS, topic, serde, timeoutMs: 30_000 });
    expect(read.map((r) => r.recordId).sort()).toEqual([record(1), record(2), record(4)].map((r) => r.recordId).sort());
    expect(read[0].payload).toBe(record(1).payload);
    await producer.disconnect();
  }, 60_000);

  it('returns nothing, quickly, for an empty topic', async () => {
    const empty = `test.submission.${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic: empty, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    try {
      await expect(readOutboundTopic({ brokers: BROKERS, topic: empty, serde, timeoutMs: 10_000 })).resolves.toEqual([]);
    } finally {
      await admin.deleteTopics({ topics: [empty] }).catch(() => undefined);
    }
  });
});

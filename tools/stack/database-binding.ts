import { Client } from 'pg';
import { withKafkaAdmin } from './kafka.admin';

/**
 * The consent ledger records Kafka positions (partition, offset) of the consent topic, so the
 * application database belongs to one Kafka cluster. This records which one; when the local stack
 * gets a new cluster (a fresh .stack, e.g. a new CI checkout) while PostgreSQL keeps the old data,
 * the application database is emptied so positions never refer to another cluster's topics.
 * For a non-local broker a mismatch is an error: nothing is dropped that this tool did not create.
 */
export async function bindDatabaseToCluster(
  databaseUrl: string,
  brokers: readonly string[],
  mayReset: boolean,
): Promise<string> {
  const clusterId = await withKafkaAdmin(brokers, async (admin) => (await admin.describeCluster()).clusterId);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS furnish_stack_binding (kafka_cluster_id text NOT NULL)');
    const { rows } = await client.query<{ kafka_cluster_id: string }>('SELECT kafka_cluster_id FROM furnish_stack_binding');
    const bound = rows[0]?.kafka_cluster_id;
    if (bound === clusterId) return `bound to Kafka cluster ${clusterId}`;
    if (bound === undefined) {
      await client.query('INSERT INTO furnish_stack_binding (kafka_cluster_id) VALUES ($1)', [clusterId]);
      return `bound to Kafka cluster ${clusterId}`;
    }
    if (!mayReset) {
      throw new Error(
        `the application database holds consent-ledger state of Kafka cluster ${bound}, but KAFKA_BROKERS is cluster ${clusterId}; use the matching database (DATABASE_URL) or empty this one`,
      );
    }
    await client.query('DROP SCHEMA public CASCADE');
    await client.query('CREATE SCHEMA public');
    await client.query('CREATE TABLE furnish_stack_binding (kafka_cluster_id text NOT NULL)');
    await client.query('INSERT INTO furnish_stack_binding (kafka_cluster_id) VALUES ($1)', [clusterId]);
    return `emptied: it held state of the previous local Kafka cluster ${bound}; now bound to ${clusterId}`;
  } finally {
    await client.end();
  }
}

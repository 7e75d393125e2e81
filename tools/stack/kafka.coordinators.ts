import { Kafka, logLevel } from 'kafkajs';
import { withKafkaAdmin } from './kafka.admin';

const WARM_UP_ID = 'furnish-stack-warm-up';

/**
 * Makes the broker create __consumer_offsets and __transaction_state now. On a fresh broker the
 * first consumer group and the first transactional producer otherwise meet "coordinator loading"
 * errors, which show up as slow or flaky first tests.
 */
export async function warmUpCoordinators(brokers: readonly string[]): Promise<void> {
  await withKafkaAdmin(brokers, (admin) => admin.describeGroups([WARM_UP_ID]));
  const producer = new Kafka({
    clientId: 'furnish-stack',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200 },
  }).producer({ transactionalId: WARM_UP_ID, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const transaction = await producer.transaction();
    await transaction.abort();
  } finally {
    await producer.disconnect();
  }
}

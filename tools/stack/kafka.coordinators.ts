import { Kafka, logLevel } from 'kafkajs';
import { withKafkaAdmin } from './kafka.admin';
import { waitUntil } from './wait-until';

const WARM_UP_ID = 'furnish-stack-warm-up';
/** Creating __consumer_offsets' 50 partitions takes a few seconds, far more on a loaded machine. */
const COORDINATOR_TIMEOUT_MS = 120_000;

/**
 * Makes the broker create __consumer_offsets and __transaction_state now. On a fresh broker the
 * first consumer group and the first transactional producer otherwise meet "coordinator loading"
 * errors, which show up as slow or flaky first tests.
 */
export async function warmUpCoordinators(brokers: readonly string[]): Promise<void> {
  const groupCoordinatorFound = await waitUntil(
    () => withKafkaAdmin(brokers, (admin) => admin.describeGroups([WARM_UP_ID])).then(() => true),
    { timeoutMs: COORDINATOR_TIMEOUT_MS, intervalMs: 1_000 },
  );
  if (!groupCoordinatorFound) {
    await withKafkaAdmin(brokers, (admin) => admin.describeGroups([WARM_UP_ID])); // throws kafkajs's own reason
  }
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

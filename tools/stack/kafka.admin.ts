import { Kafka, logLevel, type Admin } from 'kafkajs';

/** A short-lived admin client with kafkajs logging silenced (stack output stays one line per step). */
export async function withKafkaAdmin<T>(brokers: readonly string[], use: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = new Kafka({
    clientId: 'furnish-stack',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function isKafkaReady(brokers: readonly string[]): Promise<boolean> {
  return withKafkaAdmin(brokers, async (admin) => (await admin.describeCluster()).brokers.length > 0);
}

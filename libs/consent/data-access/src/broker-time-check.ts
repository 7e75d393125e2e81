import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { FurnishError } from '@furnish/shared-util-errors';

export const TIMESTAMP_TYPE_CONFIG = 'message.timestamp.type';
export const BROKER_TIME = 'LogAppendTime';

export class TopicTimestampTypeError extends FurnishError {
  constructor(problems: readonly string[]) {
    super('TOPIC_MISCONFIGURED', `the consent watermark needs broker time on its topics: ${problems.join('; ')}`, 'halt');
  }
}

const fix = (topic: string) =>
  `fix: kafka-configs.sh --bootstrap-server <brokers> --alter --entity-type topics --entity-name ${topic} --add-config ${TIMESTAMP_TYPE_CONFIG}=${BROKER_TIME}`;

/**
 * Refuses to go on unless every topic stamps records with broker time (`LogAppendTime`): the
 * watermark compares loan-event and consent-event timestamps, which is sound only on one clock.
 * One DescribeConfigs call; an unreadable configuration is refused too, naming the topic.
 */
export async function assertBrokerTime(admin: Admin, topics: readonly string[]): Promise<void> {
  const response = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: [TIMESTAMP_TYPE_CONFIG] })),
  });
  const problems: string[] = [];
  for (const topic of topics) {
    const resource = response.resources.find((r) => r.resourceName === topic);
    const value = resource?.errorCode === 0 ? resource.configEntries.find((e) => e.configName === TIMESTAMP_TYPE_CONFIG)?.configValue : undefined;
    if (value === BROKER_TIME) continue;
    const found = value === undefined ? `${TIMESTAMP_TYPE_CONFIG} could not be read` : `${TIMESTAMP_TYPE_CONFIG}=${value}`;
    problems.push(`topic ${topic} has ${found}, needs ${BROKER_TIME} (${fix(topic)})`);
  }
  if (problems.length > 0) throw new TopicTimestampTypeError(problems);
}

/**
 * Start-up check that also holds while Kafka is down at start-up (the stage runner then waits for
 * it, and the service must keep answering its probes): connects and checks, retrying with capped
 * backoff while Kafka cannot answer, then calls `refuse` if a topic lacks broker time — the caller
 * ends the process. Resolves once the check has passed or `closing()` turns true.
 */
export async function checkBrokerTimeWhenReachable(
  admin: Admin,
  topics: readonly string[],
  closing: () => boolean,
  refuse: (error: TopicTimestampTypeError) => void,
): Promise<void> {
  for (let attempt = 1; !closing(); attempt++) {
    try {
      await admin.connect();
      await assertBrokerTime(admin, topics);
      return;
    } catch (error) {
      if (error instanceof TopicTimestampTypeError) return refuse(error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6))));
    }
  }
}

/** Ends the process, as a failed start-up does: a service must not run on topics without broker time. */
export function refuseToRun(logger: { fatal: (message: string) => void }): (error: TopicTimestampTypeError) => void {
  return (error) => {
    logger.fatal(`refusing to run: ${error.code}: ${error.message}`);
    process.exit(1);
  };
}

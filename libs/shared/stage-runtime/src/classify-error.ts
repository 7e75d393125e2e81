import { FurnishError, isFurnishError } from '@furnish/shared-util-errors';
import { ProcessingFailedError } from './errors';

/**
 * Kafka protocol errors that mean the deployment is at fault: credentials or ACLs refused, or a
 * topic this stage needs does not exist. kafkajs has already retried the retriable ones
 * (UNKNOWN_TOPIC_OR_PARTITION during a leader election) before they reach us.
 */
const HALT_BY_KAFKA_TYPE: Readonly<Record<string, 'KAFKA_UNAUTHORIZED' | 'TOPIC_MISSING'>> = {
  TOPIC_AUTHORIZATION_FAILED: 'KAFKA_UNAUTHORIZED',
  GROUP_AUTHORIZATION_FAILED: 'KAFKA_UNAUTHORIZED',
  CLUSTER_AUTHORIZATION_FAILED: 'KAFKA_UNAUTHORIZED',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'KAFKA_UNAUTHORIZED',
  SASL_AUTHENTICATION_FAILED: 'KAFKA_UNAUTHORIZED',
  UNKNOWN_TOPIC_OR_PARTITION: 'TOPIC_MISSING',
};

/** kafkajs error classes raised when brokers cannot be reached or do not answer in time. */
const UNAVAILABLE_KAFKA_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSNoBrokerAvailableError',
]);

export class KafkaDeploymentError extends FurnishError {
  constructor(code: 'KAFKA_UNAUTHORIZED' | 'TOPIC_MISSING', kafkaType: string, options?: { cause?: unknown }) {
    super(code, `Kafka refused the stage's request (${kafkaType}): check the topics, ACLs and credentials of this deployment`, 'halt', options);
  }
}

export class KafkaUnavailableError extends FurnishError {
  constructor(description: string, options?: { cause?: unknown }) {
    super('KAFKA_UNAVAILABLE', `Kafka is unavailable (${description})`, 'wait', options);
  }
}

/**
 * The one place that turns anything thrown while processing or committing into a FurnishError
 * whose disposition says what the runtime does (Benthos `publicToInternalErr`, STYLE.md "Errors").
 * Ours keep their own; Kafka's are classified by who is at fault; anything else is a stage bug or
 * an unexpected failure, retried a bounded number of times and then isolated to the record.
 */
export function classifyError(error: unknown): FurnishError {
  if (isFurnishError(error)) return error;
  const kafkaType = protocolErrorType(error);
  if (kafkaType !== undefined && HALT_BY_KAFKA_TYPE[kafkaType]) {
    return new KafkaDeploymentError(HALT_BY_KAFKA_TYPE[kafkaType], kafkaType, { cause: error });
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'KafkaJSSASLAuthenticationError') return new KafkaDeploymentError('KAFKA_UNAUTHORIZED', 'SASL_AUTHENTICATION_FAILED', { cause: error });
  if (causeNames(error).some((n) => UNAVAILABLE_KAFKA_NAMES.has(n)) || (kafkaType !== undefined && isRetriableKafkaError(error))) {
    return new KafkaUnavailableError(kafkaType ?? name, { cause: error });
  }
  return new ProcessingFailedError(error);
}

/** The broker error type of a kafkajs error, looking through the wrappers kafkajs puts around it. */
export function protocolErrorType(error: unknown): string | undefined {
  for (let e = error as { type?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.type === 'string') return e.type;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return undefined;
}

/**
 * The names of the error and of the errors it wraps. kafkajs's retrier wraps what it gives up on in a
 * KafkaJSNonRetriableError whose cause is the original: "Failed to find group coordinator" while a broker
 * restarts reaches a consumer's crash handler as KafkaJSNonRetriableError caused by
 * KafkaJSGroupCoordinatorNotFound, and is Kafka being unavailable, not a fault of this deployment.
 */
function causeNames(error: unknown): string[] {
  const names: string[] = [];
  for (let e = error as { name?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.name === 'string') names.push(e.name);
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return names;
}

function isRetriableKafkaError(error: unknown): boolean {
  return (error as { retriable?: unknown }).retriable === true;
}

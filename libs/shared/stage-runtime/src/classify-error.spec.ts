import { FurnishError } from '@furnish/shared-util-errors';
import { KafkaJSGroupCoordinatorNotFound, KafkaJSNonRetriableError } from 'kafkajs';
import { classifyError } from './classify-error';

const kafkaError = (name: string, type?: string, retriable = false) => Object.assign(new Error(`${name} ${type ?? ''}`), { name, type, retriable });

describe('classifyError', () => {
  it('keeps a FurnishError as it is', () => {
    const error = new FurnishError('EVENT_INVALID', 'x', 'dead-letter');
    expect(classifyError(error)).toBe(error);
  });

  it.each([
    ['TOPIC_AUTHORIZATION_FAILED', 'KAFKA_UNAUTHORIZED'],
    ['GROUP_AUTHORIZATION_FAILED', 'KAFKA_UNAUTHORIZED'],
    ['TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'KAFKA_UNAUTHORIZED'],
    ['UNKNOWN_TOPIC_OR_PARTITION', 'TOPIC_MISSING'],
  ])('halts on %s: the deployment is at fault', (type, code) => {
    expect(classifyError(kafkaError('KafkaJSProtocolError', type))).toMatchObject({ code, disposition: 'halt' });
  });

  it('finds the broker error inside kafkajs retry wrappers', () => {
    const wrapped = Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', cause: kafkaError('KafkaJSProtocolError', 'TOPIC_AUTHORIZATION_FAILED') });
    expect(classifyError(wrapped)).toMatchObject({ code: 'KAFKA_UNAUTHORIZED', disposition: 'halt' });
  });

  it.each(['KafkaJSConnectionError', 'KafkaJSRequestTimeoutError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound'])('waits when Kafka is unavailable (%s)', (name) => {
    expect(classifyError(kafkaError(name))).toMatchObject({ code: 'KAFKA_UNAVAILABLE', disposition: 'wait' });
  });

  it('waits on a retriable broker error kafkajs gave up on', () => {
    expect(classifyError(kafkaError('KafkaJSProtocolError', 'NOT_COORDINATOR', true))).toMatchObject({ disposition: 'wait' });
  });

  it('waits when kafkajs gave up finding the group coordinator while a broker restarts (the error a consumer crashes with)', () => {
    // As kafkajs's retrier builds it (retry/index.js): the original error as the wrapper's cause.
    const original = new (KafkaJSGroupCoordinatorNotFound as unknown as new (message: string) => Error)('Failed to find group coordinator');
    const crash = new (KafkaJSNonRetriableError as unknown as new (error: Error, options: { cause: Error }) => Error)(original, { cause: original });
    expect(classifyError(crash)).toMatchObject({ code: 'KAFKA_UNAVAILABLE', disposition: 'wait' });
  });

  it('retries, then isolates, anything else, without its message', () => {
    const classified = classifyError(new TypeError('borrower 110101199003077777 broke it'));
    expect(classified).toMatchObject({ code: 'PROCESSING_FAILED', disposition: 'retry' });
    expect(classified.message).not.toContain('1101');
  });
});

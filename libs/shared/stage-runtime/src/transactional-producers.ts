import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { backoffDelay, type RetryPolicy } from './retry-policy';

/**
 * One transactional producer per input topic-partition. kafkajs lacks KIP-447, so zombie fencing
 * rests on the transactional id: whichever instance owns a partition now uses the same id as the
 * previous owner and so fences it. Sends on one producer are never concurrent (kafkajs issues
 * 598/1005): each partition is processed by one eachBatch call at a time.
 */
export class TransactionalProducers {
  private readonly producers = new Map<string, Promise<Producer>>();

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalIdPrefix: string,
    private readonly retry: RetryPolicy,
  ) {}

  /**
   * Publishes the messages and commits the consumer offset in one transaction. Retries the
   * broker's transient transaction errors (CONCURRENT_TRANSACTIONS and friends, which kafkajs does
   * not always retry), aborting before each retry; gives up after the policy's attempts.
   */
  async commit(
    source: { topic: string; partition: number; groupId: string; nextOffset: string },
    topicMessages: TopicMessages[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const producer = await this.producerFor(source.topic, source.partition);
      const transaction = await producer.transaction();
      try {
        if (topicMessages.length > 0) await transaction.sendBatch({ topicMessages });
        await transaction.sendOffsets({
          consumerGroupId: source.groupId,
          topics: [{ topic: source.topic, partitions: [{ partition: source.partition, offset: source.nextOffset }] }],
        });
        await transaction.commit();
        return;
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        if (isFenced(error)) {
          await this.release(source.topic, source.partition);
          throw error;
        }
        if (attempt >= this.retry.maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(this.retry, attempt)));
      }
    }
  }

  /** Disconnects producers of partitions this instance no longer owns. */
  async retainOnly(assigned: ReadonlySet<string>): Promise<void> {
    await Promise.all(
      [...this.producers.keys()].filter((key) => !assigned.has(key)).map((key) => this.releaseKey(key)),
    );
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.producers.keys()].map((key) => this.releaseKey(key)));
  }

  static key(topic: string, partition: number): string {
    return `${topic}:${partition}`;
  }

  private producerFor(topic: string, partition: number): Promise<Producer> {
    const key = TransactionalProducers.key(topic, partition);
    let producer = this.producers.get(key);
    if (!producer) {
      producer = this.connect(topic, partition);
      producer.catch(() => this.producers.delete(key));
      this.producers.set(key, producer);
    }
    return producer;
  }

  private async connect(topic: string, partition: number): Promise<Producer> {
    const producer = this.kafka.producer({
      transactionalId: `${this.transactionalIdPrefix}-${topic}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 60_000,
    });
    await producer.connect();
    return producer;
  }

  private release(topic: string, partition: number): Promise<void> {
    return this.releaseKey(TransactionalProducers.key(topic, partition));
  }

  private async releaseKey(key: string): Promise<void> {
    const producer = this.producers.get(key);
    this.producers.delete(key);
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }
}

const FENCING_ERRORS = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);

function isFenced(error: unknown): boolean {
  const type = (error as { type?: string; cause?: { type?: string } } | undefined)?.type;
  const causeType = (error as { cause?: { type?: string } } | undefined)?.cause?.type;
  return FENCING_ERRORS.has(type ?? '') || FENCING_ERRORS.has(causeType ?? '');
}

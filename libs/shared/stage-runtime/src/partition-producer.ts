import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { KafkaUnavailableError, protocolErrorType } from './classify-error';

export interface PartitionProducerOptions {
  readonly kafka: Kafka;
  /** Derived from the group, topic and partition: the same for whichever instance owns the partition. */
  readonly transactionalId: string;
  readonly transactionTimeoutMs: number;
  /** How long connecting and fencing may take before the attempt is abandoned (and retried). */
  readonly fenceTimeoutMs: number;
}

/**
 * The transactional producer of one input partition, for one ownership of it. kafkajs lacks
 * KIP-447 (no generation check on TxnOffsetCommit), so zombie fencing rests on the transactional
 * id, and kafkajs only fences (InitProducerId) lazily at the first transaction. `fence()` does it at
 * once, so the owner can read the committed offset after the previous owner can no longer move it.
 *
 * A producer whose transaction failed is never reused: after a failed commit kafkajs stays in state
 * COMMITTING, where it can neither abort nor begin again. The runner discards it and fences anew.
 * Sends on one producer are never concurrent (kafkajs issues 598/1005): its partition's session
 * runs one task at a time.
 */
export class PartitionProducer {
  private constructor(private readonly producer: Producer) {}

  /**
   * Connects a new producer and fences every earlier holder of the transactional id. Bounded by
   * `fenceTimeoutMs`: after a broker restart a fence was seen never to return (its partition then
   * sat in `fencing` with readiness green); abandoned, it fails like any unavailable Kafka and is
   * retried with backoff, and the partition counts as stalled.
   */
  static async fence(options: PartitionProducerOptions): Promise<PartitionProducer> {
    const producer = options.kafka.producer({
      transactionalId: options.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: options.transactionTimeoutMs,
    });
    const fencing = (async () => {
      await producer.connect();
      // InitProducerId for the transactional id: bumps the epoch, aborts the previous owner's open
      // transaction (or waits for its commit to finish). Ending an empty transaction sends nothing.
      const transaction = await producer.transaction();
      await transaction.abort();
    })();
    // An abandoned attempt may still fail later: that outcome is no longer anyone's.
    fencing.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KafkaUnavailableError(`fencing ${options.transactionalId} took over ${options.fenceTimeoutMs} ms`)), options.fenceTimeoutMs);
    });
    try {
      await Promise.race([fencing, timedOut]);
      return new PartitionProducer(producer);
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Publishes the requests in order and commits the input offset, all in one transaction. When
   * this throws, the transaction's outcome is unknown (a commit may have reached the coordinator):
   * discard this producer, fence again and read the committed offset.
   */
  async commit(requests: readonly TopicMessages[][], offset: { readonly groupId: string; readonly topic: string; readonly partition: number; readonly nextOffset: string }): Promise<void> {
    const transaction = await this.producer.transaction();
    try {
      for (const topicMessages of requests) await whileConcurrent(() => transaction.sendBatch({ topicMessages }));
      await whileConcurrent(() =>
        transaction.sendOffsets({
          consumerGroupId: offset.groupId,
          topics: [{ topic: offset.topic, partitions: [{ partition: offset.partition, offset: offset.nextOffset }] }],
        }),
      );
      await transaction.commit();
    } catch (error) {
      if (transaction.isActive()) await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  async discard(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

/**
 * CONCURRENT_TRANSACTIONS means the coordinator is still completing this producer's previous
 * transaction (writing its markers); kafkajs does not retry it on AddPartitionsToTxn or
 * AddOffsetsToTxn (its issues 1315, 430, 1068). The transaction is still open and the request can
 * simply be sent again in a moment, which is much cheaper than discarding the producer.
 */
async function whileConcurrent<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= CONCURRENT_TRANSACTION_ATTEMPTS || !isConcurrentTransactions(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

const CONCURRENT_TRANSACTION_ATTEMPTS = 6;

const isConcurrentTransactions = (error: unknown): boolean => protocolErrorType(error) === 'CONCURRENT_TRANSACTIONS';

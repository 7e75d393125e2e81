import type { Kafka } from 'kafkajs';
import { PartitionProducer } from './partition-producer';

/**
 * The fence's bound in isolation: a producer whose connect never settles stands for the fence seen
 * hanging after a broker restart (the real-Kafka paths are in stage-runner.integration.spec.ts).
 */
function kafkaWithProducer(producer: { connect(): Promise<void>; disconnect(): Promise<void>; transaction(): Promise<{ abort(): Promise<void> }> }): Kafka {
  return { producer: () => producer } as unknown as Kafka;
}

describe('PartitionProducer.fence', () => {
  it('gives up on a fence that never returns, as Kafka unavailable, and disconnects that producer', async () => {
    const disconnect = jest.fn(async () => undefined);
    const hanging = kafkaWithProducer({ connect: () => new Promise<void>(() => undefined), disconnect, transaction: async () => ({ abort: async () => undefined }) });
    await expect(PartitionProducer.fence({ kafka: hanging, transactionalId: 'g-t-0', transactionTimeoutMs: 60_000, fenceTimeoutMs: 50 })).rejects.toMatchObject({
      code: 'KAFKA_UNAVAILABLE',
      disposition: 'wait',
    });
    expect(disconnect).toHaveBeenCalledTimes(1);
  });

  it('returns the fenced producer when the fence completes in time', async () => {
    const abort = jest.fn(async () => undefined);
    const quick = kafkaWithProducer({ connect: async () => undefined, disconnect: async () => undefined, transaction: async () => ({ abort }) });
    await expect(PartitionProducer.fence({ kafka: quick, transactionalId: 'g-t-0', transactionTimeoutMs: 60_000, fenceTimeoutMs: 5_000 })).resolves.toBeInstanceOf(PartitionProducer);
    expect(abort).toHaveBeenCalledTimes(1);
  });

  it('passes on the fence’s own failure unchanged', async () => {
    const refused = Object.assign(new Error('refused'), { type: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED' });
    const failing = kafkaWithProducer({ connect: async () => undefined, disconnect: async () => undefined, transaction: async () => Promise.reject(refused) });
    await expect(PartitionProducer.fence({ kafka: failing, transactionalId: 'g-t-0', transactionTimeoutMs: 60_000, fenceTimeoutMs: 5_000 })).rejects.toBe(refused);
  });
});

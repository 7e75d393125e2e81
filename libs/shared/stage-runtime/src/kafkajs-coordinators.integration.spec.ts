import type { Producer } from 'kafkajs';
import { RuntimeTestbed } from './testing/runtime-testbed';

/**
 * The installed (patched) kafkajs remembers the coordinators it found (patches/README.md,
 * "coordinators remembered"), against the real broker. Unpatched, a transaction that commits its
 * input offset asks for a coordinator before AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and
 * EndTxn: four FindCoordinator requests per transaction.
 */
describe('kafkajs coordinators remembered (patched; real Kafka)', () => {
  let bed: RuntimeTestbed;
  let producer: Producer;
  /** FindCoordinator requests the producer sent (kafkajs names the API GroupCoordinator). */
  let lookups: number;

  beforeEach(async () => {
    bed = new RuntimeTestbed();
    await bed.createTopics({ in: 1, out: 1 });
    producer = RuntimeTestbed.client().producer({ transactionalId: `${bed.prefix}.coordinators`, idempotent: true, maxInFlightRequests: 1 });
    lookups = 0;
    producer.on(producer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'GroupCoordinator') lookups += 1;
    });
    await producer.connect();
  });
  afterEach(async () => {
    await producer.disconnect();
    await bed.close();
  });

  /** One transaction as a stage's chunk makes it: a record, the input offset, commit. */
  const chunk = async (n: number): Promise<void> => {
    const transaction = await producer.transaction();
    await transaction.send({ topic: bed.topic('out'), messages: [{ key: 'k', value: `v${n}` }] });
    await transaction.sendOffsets({ consumerGroupId: `${bed.prefix}.group`, topics: [{ topic: bed.topic('in'), partitions: [{ partition: 0, offset: String(n + 1) }] }] });
    await transaction.commit();
  };

  it('asks for the transaction and group coordinators once for consecutive transactions, not four times in each', async () => {
    for (let n = 0; n < 5; n++) await chunk(n);

    // The transaction coordinator for InitProducerId, then the group coordinator at the first sendOffsets; unpatched, 21.
    expect(lookups).toBe(2);
  });

  it('asks again once the two seconds it keeps them for have passed (a moved coordinator is found again)', async () => {
    await chunk(0);
    const before = lookups;
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    await chunk(1);

    expect(lookups).toBe(before + 2);
  });
});

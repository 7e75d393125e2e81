import { TOPICS, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { HEADERS } from '@furnish/shared-stage-runtime';
import { PipelineClient } from '@furnish/tools-kafka';
import { aFreshBorrower, consentFor, loanEventFor, RECEIVED_BY_EVERY_BUREAU, waitUntilInLedger } from './support/scenario';

/** The Avro encoding of a long: zig-zag, then 7 bits a byte, low bits first (Avro spec). */
function avroLong(value: bigint): Buffer {
  let zigzag = value >= 0n ? value << 1n : (-value << 1n) - 1n;
  const bytes: number[] = [];
  for (; zigzag >= 0x80n; zigzag >>= 7n) bytes.push(Number(zigzag & 0x7fn) | 0x80);
  return Buffer.from([...bytes, Number(zigzag)]);
}

/** Where two encodings of one schema first differ: the first byte of the field their values differ in. */
function firstDifference(a: Buffer, b: Buffer): number {
  let at = 0;
  while (a[at] === b[at]) at++;
  return at;
}

/**
 * Bounded work per record, through the running services: a message declaring more items than it
 * holds is dead-lettered with AVRO_DECLARED_SIZE_INVALID, and the messages behind it on the same
 * partition are processed. Unbounded, the first case hung the filter and the second crash-looped
 * the ledger out of heap.
 */
describe('hostile Avro sizes (real pipeline)', () => {
  const kafka = new PipelineClient();
  afterAll(() => kafka.close());

  it('dead-letters a consent event whose bureaus array declares 10^8 items, and applies the next one', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.deadLetter['consent-ledger']]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['PBOC_CRC'] });
    const [one, other] = await Promise.all([consent, { ...consent, bureaus: ['BAIHANG' as const] }].map((value) => kafka.serde.encode(TOPICS.consentEvents, value)));
    // bureaus [PBOC_CRC] is its count 1, one enum index, then the 0 that ends the array; the count is the byte before the index.
    const countAt = firstDifference(one, other) - 1;
    const hostile = Buffer.concat([one.subarray(0, countAt), avroLong(10n ** 8n), one.subarray(countAt + 3)]);
    await kafka.publishRaw(TOPICS.consentEvents, ids.borrowerId, hostile);
    const next = consentFor(ids.borrowerId, { bureaus: ['METRO2'] });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, next);

    const [dead] = await capture.waitFor((r) => r.sourceKey === ids.borrowerId, 1);
    expect(dead.original?.value?.equals(hostile)).toBe(true);
    expect(dead.headers).toMatchObject({ [HEADERS.stage]: 'consent-ledger', [HEADERS.errorCode]: 'AVRO_DECLARED_SIZE_INVALID', [HEADERS.sourceTopic]: TOPICS.consentEvents });
    expect(dead.headers[HEADERS.errorMessage]).toContain(`array block at byte ${countAt - 5} declares 100000000 items`);
    await waitUntilInLedger(next.consentId, { timeoutMs: 60_000 });
  });

  it('dead-letters a loan event whose array declares 2^40 items, and delivers the events behind it on the same partition', async () => {
    const ids = aFreshBorrower();
    const partition = 2;
    const capture = await kafka.capture([TOPICS.deadLetter['consent-filter'], TOPICS.consentedLoanEvents]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['METRO2'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId, { timeoutMs: 60_000 });

    const event = loanEventFor(ids, { account: { scheduledDueDates: [] } });
    const [empty, oneDate] = await Promise.all(
      [event, { ...event, account: { ...event.account, scheduledDueDates: ['2024-01-01'] } }].map((value) => kafka.serde.encode(TOPICS.loanEvents, value)),
    );
    // The filter reads the few fields it decides on and skips the rest, this array included.
    const countAt = firstDifference(empty, oneDate);
    const hostile = Buffer.concat([empty.subarray(0, countAt), avroLong(2n ** 40n), empty.subarray(countAt + 1)]);
    await kafka.publishRaw(TOPICS.loanEvents, ids.accountId, hostile, partition);
    const good = [1, 2].map(() => loanEventFor(ids, RECEIVED_BY_EVERY_BUREAU));
    for (const next of good) await kafka.publish(TOPICS.loanEvents, ids.accountId, next, partition);

    const [dead] = await capture.waitFor((r) => r.sourceKey === ids.accountId && r.topic === TOPICS.deadLetter['consent-filter'], 1);
    expect(dead.original?.value?.equals(hostile)).toBe(true);
    expect(dead.headers).toMatchObject({
      [HEADERS.stage]: 'consent-filter',
      [HEADERS.errorCode]: 'AVRO_DECLARED_SIZE_INVALID',
      [HEADERS.sourceTopic]: TOPICS.loanEvents,
      [HEADERS.sourcePartition]: String(partition),
    });
    expect(dead.headers[HEADERS.errorMessage]).toContain(`array block at byte ${countAt - 5} declares 1099511627776 items`);
    const delivered = await capture.waitFor<ConsentedLoanEvent>((r) => r.sourceKey === ids.accountId && r.topic === TOPICS.consentedLoanEvents, 2);
    expect(delivered.map((r) => r.value.loanEvent.eventId)).toEqual(good.map((e) => e.eventId));
  });
});

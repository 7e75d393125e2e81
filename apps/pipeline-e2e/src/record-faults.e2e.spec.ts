import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { HEADERS } from '@furnish/shared-stage-runtime';
import { PipelineClient } from '@furnish/tools-kafka';
import { aFreshBorrower, consentFor, loanEventFor, waitUntilInLedger } from './support/scenario';

/**
 * Who is at fault decides what happens. A value PostgreSQL cannot store is the record's fault: it
 * goes to the DLQ with RECORD_UNSTORABLE (not retried as if the database were down, not a generic
 * PROCESSING_FAILED), and the records behind it on its partition go on. An upstream producer that
 * aborts its transaction leaves nothing the pipeline must wait for.
 */
describe('record faults and aborted upstream transactions (real services)', () => {
  const kafka = new PipelineClient();
  afterAll(() => kafka.close());

  it.each([
    ['a NUL character in a text field', { channel: 'APP\u0000' }, 'RECORD_UNSTORABLE'],
    ['a date before PostgreSQL can store one (4714 BC)', { effectiveAt: new Date('-005000-01-01T00:00:00Z') }, 'RECORD_UNSTORABLE'],
    // Random, so PostgreSQL could not compress it below the ~2.7 KB a btree entry may take; the
    // ledger's bound on identifiers refuses it before the database sees it.
    ['an 8 KB identifier', { consentId: `CNS-${randomBytes(8_000).toString('base64')}` }, 'EVENT_INVALID'],
  ])('dead-letters a consent event with %s (%s) and applies the next one', async (_name, overrides, code) => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.deadLetter['consent-ledger']]);
    const unstorable = consentFor(ids.borrowerId, overrides);
    const good = consentFor(ids.borrowerId);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, unstorable);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, good);
    await waitUntilInLedger(good.consentId, { timeoutMs: 60_000 });
    const [dead] = await capture.waitFor((r) => r.sourceKey === ids.borrowerId, 1, 60_000);
    expect(dead.headers[HEADERS.errorCode]).toBe(code);
    expect(dead.headers[HEADERS.errorMessage]).not.toContain('\u0000');
  });

  it('does not hold loan events back when an upstream producer aborts a transaction on the consent topic', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);

    // An aborted transaction ends every consent partition: without a commit past its marker the
    // ledger's committed offsets stay short of the topic's end, and the filter, which waits for the
    // ledger to reach the end, would hold every loan event until the next consent event.
    const metadata = await kafka.kafka.admin();
    await metadata.connect();
    const partitions = (await metadata.fetchTopicOffsets(TOPICS.consentEvents)).map((p) => p.partition);
    await metadata.disconnect();
    const producer = kafka.kafka.producer({ transactionalId: `e2e-aborting-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({
      topic: TOPICS.consentEvents,
      messages: await Promise.all(partitions.map(async (partition) => ({ key: ids.borrowerId, partition, value: await kafka.serde.encode(TOPICS.consentEvents, consentFor(ids.borrowerId)) }))),
    });
    await transaction.abort();
    await producer.disconnect();

    const event = loanEventFor(ids, { occurredAt: new Date('2024-06-03T11:42:17Z') });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    // Without the commit past the marker this never arrives: the filter would wait for a consent event that does not come.
    const [released] = await capture.waitFor<ConsentedLoanEvent>((r) => r.sourceKey === ids.accountId, 1, 30_000);
    expect(released.value.loanEvent.eventId).toBe(event.eventId);
  });
});

import { isDeadLetterTopic, TOPICS, type ConsentedLoanEvent, type LoanEvent } from '@furnish/shared-contracts';
import { HEADERS } from '@furnish/shared-stage-runtime';
import { anInstalmentAccount } from '@furnish/shared-contracts/testing';
import { whyReport } from '@furnish/consent-data-access-reports';
import { aFreshBorrower, consentFor, loanEventFor, RECEIVED_BY_EVERY_BUREAU, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';
import { PipelineClient, type CapturedRecord } from '@furnish/tools-kafka';
import { ConsentAudit } from './support/consent-audit';

const OUTPUT_TOPICS = [
  TOPICS.consentedLoanEvents,
  ...Object.values(TOPICS.minimised),
  ...Object.values(TOPICS.outbound),
  ...Object.values(TOPICS.deadLetter),
];

describe('pipeline end to end (real Kafka, registry, PostgreSQL and the four services)', () => {
  const kafka = new PipelineClient();
  const audit = new ConsentAudit();
  afterAll(() => Promise.all([kafka.close(), audit.close()]));

  it('releases a consented borrower\'s loan event to exactly the bureaus the consent covers', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture(OUTPUT_TOPICS);
    const consent = consentFor(ids.borrowerId, { bureaus: ['PBOC_CRC', 'BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    // An instalment loan's repayment: both bureaus receive it (PBOC CRC reports it only with arrears left).
    const event = loanEventFor(ids, { eventType: 'REPAYMENT', occurredAt: new Date('2024-06-03T11:42:17Z'), account: { ...anInstalmentAccount(), accountId: ids.accountId } });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);

    const mine = (r: CapturedRecord) => r.sourceKey === ids.accountId;
    const consented = await capture.waitFor<ConsentedLoanEvent>((r) => mine(r) && r.topic === TOPICS.consentedLoanEvents, 2);
    expect(consented.map((r) => r.value.bureau).sort()).toEqual(['BAIHANG', 'PBOC_CRC']);
    for (const record of consented) {
      expect(record.value.consent).toEqual({ consentId: consent.consentId, version: 1 });
      expect(record.value.loanEvent.eventId).toBe(event.eventId);
      expect(Number(record.headers[HEADERS.originTime])).toBeGreaterThan(0);
    }
    await capture.waitFor((r) => mine(r) && r.topic === TOPICS.minimised['pboc-crc'], 1);
    await capture.waitFor((r) => mine(r) && r.topic === TOPICS.minimised.baihang, 1);

    const everything = await capture.settled(mine);
    expect(everything.filter((r) => r.topic === TOPICS.minimised.metro2)).toEqual([]);
    expect(everything.filter((r) => isDeadLetterTopic(r.topic))).toEqual([]);
  });

  it('sends a bureau no event its policy leaves out: a drawdown is released but stops at the filter, audited as one NOT_REPORTABLE row naming the consent, and never reaches the consented topic', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture(OUTPUT_TOPICS);
    const consent = consentFor(ids.borrowerId, { bureaus: ['PBOC_CRC', 'BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const drawdown = loanEventFor(ids, { eventType: 'DRAWDOWN', occurredAt: new Date('2024-06-03T11:42:17Z') });
    // Same account, so the same partitions behind the drawdown: once its records are out, the drawdown has been settled.
    const sentinel = loanEventFor(ids, { occurredAt: new Date('2024-06-04T09:00:00Z') });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, drawdown);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, sentinel);

    const mine = (r: CapturedRecord) => r.sourceKey === ids.accountId;
    await capture.waitFor((r) => mine(r) && r.topic === TOPICS.outbound.baihang, 1);
    const everything = await capture.settled(mine);
    const ofDrawdown = (r: CapturedRecord) => JSON.stringify(r.value ?? null).includes(drawdown.eventId);
    expect(everything.filter(ofDrawdown)).toEqual([]);
    // Only the sentinel's limit change, which Baihang receives and PBOC CRC does not.
    const consented = everything.filter((r) => r.topic === TOPICS.consentedLoanEvents).map((r) => r.value as ConsentedLoanEvent);
    expect(consented.map((c) => [c.bureau, c.loanEvent.eventId])).toEqual([['BAIHANG', sentinel.eventId]]);
    const trail = await audit.trailOf([drawdown.eventId]);
    expect(trail.map((r) => `${r.bureau} ${r.stage} ${r.decision} ${r.consent_id}`).sort()).toEqual([
      `baihang consent-filter NOT_REPORTABLE ${consent.consentId}`,
      'metro2 consent-filter WITHHELD null',
      `pboc-crc consent-filter NOT_REPORTABLE ${consent.consentId}`,
    ]);
    const why = await whyReport({ eventId: drawdown.eventId, bureau: 'pboc-crc', databaseUrl: TEST_DATABASE_URL });
    expect(why).toContain(`NOT REPORTED (NOT_REPORTABLE): released by the consent filter under consent ${consent.consentId} version 1, but the bureau receives no event of this kind`);
    expect(why).toContain(`The consent filter released it under consent ${consent.consentId} version 1`);
  });

  it('reports nothing for a borrower without consent', async () => {
    const unconsented = aFreshBorrower();
    const sentinel = aFreshBorrower();
    const partition = 1;
    const capture = await kafka.capture(OUTPUT_TOPICS);
    const consent = consentFor(sentinel.borrowerId, { bureaus: ['BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, sentinel.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    await kafka.publish(TOPICS.loanEvents, unconsented.accountId, loanEventFor(unconsented), partition);
    // Same partition, so once the sentinel's record is out, the event before it has been decided.
    await kafka.publish(TOPICS.loanEvents, sentinel.accountId, loanEventFor(sentinel), partition);
    await capture.waitFor((r) => r.sourceKey === sentinel.accountId && r.topic === TOPICS.minimised.baihang, 1);
    expect(capture.records.filter((r) => r.sourceKey === unconsented.accountId)).toEqual([]);
  });

  it('sends a poison message to the DLQ with its source and delivers the good messages behind it on the same partition', async () => {
    const ids = aFreshBorrower();
    const partition = 4;
    const capture = await kafka.capture(OUTPUT_TOPICS);
    const consent = consentFor(ids.borrowerId, { bureaus: ['METRO2'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);

    const poison = Buffer.from('{"eventId":"not avro at all"}');
    await kafka.publishRaw(TOPICS.loanEvents, ids.accountId, poison, partition);
    const good: LoanEvent[] = [1, 2, 3].map(() => loanEventFor(ids, RECEIVED_BY_EVERY_BUREAU));
    for (const event of good) await kafka.publish(TOPICS.loanEvents, ids.accountId, event, partition);

    const [dead] = await capture.waitFor((r) => r.sourceKey === ids.accountId && r.topic === TOPICS.deadLetter['consent-filter'], 1);
    expect(dead.original?.value?.equals(poison)).toBe(true);
    expect(dead.headers).toMatchObject({
      [HEADERS.stage]: 'consent-filter',
      [HEADERS.errorCode]: 'WIRE_FORMAT_INVALID',
      [HEADERS.sourceTopic]: TOPICS.loanEvents,
      [HEADERS.sourcePartition]: String(partition),
    });
    expect(dead.headers[HEADERS.errorMessage]).toContain('magic byte');
    expect(dead.headers[HEADERS.sourceOffset]).toMatch(/^\d+$/);

    const delivered = await capture.waitFor<ConsentedLoanEvent>((r) => r.sourceKey === ids.accountId && r.topic === TOPICS.consentedLoanEvents, 3);
    expect(delivered.map((r) => r.value.loanEvent.eventId)).toEqual(good.map((e) => e.eventId));
  });
});

import type { ConsentEvent, OutboundRecord } from '@furnish/shared-contracts';
import { TOPICS } from '@furnish/shared-contracts';
import { PipelineClient } from '@furnish/tools-kafka';
import { whyReport } from '@furnish/consent-data-access-reports';
import { BureauFeedbackRepository, createConsentDataSource } from '@furnish/consent-data-access';
import { importFeedbackFile, markResent, outboundTopicSource } from '@furnish/tools-feedback';
import { services } from './support/services';
import { aFreshBorrower, consentFor, loanEventFor, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';

// Issue 15 point 3 through the real pipeline: an event is published, the formatter puts its Baihang
// record on the outbound topic, Baihang's rejection list (docs/formats/feedback.md) names it by reqID
// (= the record id), the import finds it on the topic, why shows REJECTED with the code and its rule,
// the ledger counts the rejection; a corrected event's record then supersedes it (RESENT).
const OUT = TOPICS.outbound.baihang;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);

async function ledgerMetric(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(services.metricsUrl('consent-ledger'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('bureau feedback through Kafka and PostgreSQL', () => {
  const kafka = new PipelineClient();
  const database = createConsentDataSource({ url: TEST_DATABASE_URL, applicationName: 'feedback-e2e', poolSize: 2 });
  const sentTo = () => outboundTopicSource({ brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','), registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7' });

  beforeAll(async () => {
    await database.initialize();
  });

  afterAll(async () => {
    await kafka.close();
    await database.destroy();
  });

  it('rejects a published record from a rejection list, shows it in why, counts it, and marks it re-sent once a corrected record is out', async () => {
    const repository = new BureauFeedbackRepository(database);
    const ids = aFreshBorrower();
    const capture = await kafka.capture([OUT]);
    const consent: ConsentEvent = consentFor(ids.borrowerId, { bureaus: ['BAIHANG'], effectiveAt: day(1), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const event = loanEventFor(ids, { eventType: 'CREDIT_LIMIT_CHANGED', transaction: null, occurredAt: day(10) });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    const [published] = await capture.waitFor<OutboundRecord>((r) => r.topic === OUT && (r.value as OutboundRecord).sourceEventId === event.eventId, 1);
    const recordId = published.value.recordId;
    const rejectedBefore = await ledgerMetric('furnish_bureau_feedback_rejections_total', { bureau: 'baihang', code: 'other' });

    const list = Buffer.from(`bureau,reference,code,message\nbaihang,${recordId},E0101,the bureau's own words\n`, 'utf8');
    const imported = await importFeedbackFile({ fileName: `baihang-rejections-${recordId}.csv`, bytes: list, operator: 'e2e.operator' }, sentTo(), repository);
    expect(imported.result).toMatchObject({ kind: 'imported', records: 1, rejected: 1 });

    const why = await whyReport({ eventId: event.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(why).toContain(`baihang record ${recordId}: REJECTED`);
    // Baihang's catalogue is not public (bureau-formats.md §3.7 [U]): the code is shown with that rule text.
    expect(why).toContain('E0101: Baihang’s error-code catalogue is not public (bureau-formats.md §3.7 [U])');
    expect(why).not.toContain("the bureau's own words");
    expect((await repository.outstandingRejections('baihang')).map((r) => r.recordId)).toContain(recordId);
    // The ledger exports the audit's totals at scrape time: Baihang codes are all `other`.
    expect(await ledgerMetric('furnish_bureau_feedback_rejections_total', { bureau: 'baihang', code: 'other' })).toBe(rejectedBefore + 1);

    // The lender corrects: the same account's limit change, published again with the fix, is a new record about the same subject.
    const corrected = loanEventFor(ids, { eventType: 'CREDIT_LIMIT_CHANGED', transaction: null, occurredAt: day(11) });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, corrected);
    const [fixed] = await capture.waitFor<OutboundRecord>((r) => r.topic === OUT && (r.value as OutboundRecord).sourceEventId === corrected.eventId, 1);
    expect(fixed.value.recordKind).toBe(published.value.recordKind);
    expect(await markResent(['baihang'], sentTo(), repository, 'e2e.operator')).toBeGreaterThanOrEqual(1);
    const history = (await repository.historyOf([recordId])).get(recordId)!;
    expect(history.map((h) => [h.state, h.supersededBy])).toEqual([
      ['REJECTED', null],
      ['RESENT', fixed.value.recordId],
    ]);
    expect(await whyReport({ eventId: event.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL })).toContain(`RESENT: superseded by the corrected record ${fixed.value.recordId}`);
  });
});

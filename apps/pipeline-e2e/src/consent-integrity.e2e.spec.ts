import type { ConsentEvent, OutboundRecord } from '@furnish/shared-contracts';
import { TOPICS } from '@furnish/shared-contracts';
import type { Overrides } from '@furnish/shared-contracts/testing';
import { PipelineClient, type Capture, type CapturedRecord } from '@furnish/tools-kafka';
import { whyReport } from '@furnish/consent-data-access-reports';
import { ConsentAudit, type AuditRow } from './support/consent-audit';
import { services } from './support/services';
import { aFreshBorrower, consentFor, loanEventFor, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
const grant = (borrowerId: string, from: number, more: Overrides<ConsentEvent> = {}) =>
  consentFor(borrowerId, { bureaus: ['BAIHANG'], effectiveAt: day(from), expiresAt: null, ...more });
const withdraw = (borrowerId: string, at: number) => consentFor(borrowerId, { action: 'WITHDRAWN', bureaus: ['BAIHANG'], effectiveAt: day(at), expiresAt: null });

// Baihang reports every loan event kind (PBOC CRC skips some), so each release has an outbound record.
const OUT = TOPICS.outbound.baihang;
// An event kind Baihang reports (it reports nothing for some kinds).
const reportable = (ids: { borrowerId: string; accountId: string }, onDay: number) =>
  loanEventFor(ids, { eventType: 'CREDIT_LIMIT_CHANGED', transaction: null, occurredAt: day(onDay) });
const outboundOf = (capture: Capture, eventId: string) =>
  capture.records.filter((r) => r.topic === OUT && (r.value as OutboundRecord).sourceEventId === eventId) as CapturedRecord<OutboundRecord>[];

async function metric(service: 'consent-filter' | 'bureau-formatter', name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(services.metricsUrl(service))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  if (!line) throw new Error(`no series ${name} ${JSON.stringify(labels)} on ${service}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('consent integrity through Kafka: idempotent by event id, append-only audit, re-checked at release', () => {
  const kafka = new PipelineClient();
  const audit = new ConsentAudit();

  async function waitForTrail(eventId: string, match: (rows: AuditRow[]) => boolean, timeoutMs = 60_000): Promise<AuditRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await audit.trailOf([eventId]);
      if (match(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`audit trail of ${eventId} did not reach the expected state: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const count = (rows: AuditRow[], decision: string) => rows.filter((r) => r.bureau === 'baihang' && r.decision === decision).length;

  afterAll(async () => {
    await services.start('bureau-formatter');
    await kafka.close();
    await audit.close();
  });

  it('furnishes an event id published three times once per bureau, and counts and audits the two duplicates', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([OUT]);
    const consent = grant(ids.borrowerId, 1);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    const event = reportable(ids, 10);
    const before = await metric('consent-filter', 'furnish_consent_duplicates_total', { bureau: 'baihang' });

    for (let i = 0; i < 3; i++) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    // A later event of the same account travels the same partitions behind the three deliveries:
    // once its record is out, anything the deliveries could have produced is out too.
    const marker = reportable(ids, 11);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, marker);
    await capture.waitFor((r) => r.topic === OUT && (r.value as OutboundRecord).sourceEventId === marker.eventId, 1);

    const records = outboundOf(capture, event.eventId);
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.value.recordId)).size).toBe(records.length);
    const rows = await audit.trailOf([event.eventId]);
    expect(rows.filter((r) => r.stage === 'consent-filter').map((r) => `${r.bureau} ${r.decision}`).sort()).toEqual(
      ['pboc-crc WITHHELD', 'metro2 WITHHELD', 'baihang RELEASED', 'baihang DUPLICATE', 'metro2 DUPLICATE', 'pboc-crc DUPLICATE', 'baihang DUPLICATE', 'metro2 DUPLICATE', 'pboc-crc DUPLICATE'].sort(),
    );
    expect(rows.filter((r) => r.decision === 'PUBLISHED').map((r) => r.record_id).sort()).toEqual(records.map((r) => r.value.recordId).sort());
    expect(await metric('consent-filter', 'furnish_consent_duplicates_total', { bureau: 'baihang' })).toBe(before + 2);

    const why = await whyReport({ eventId: event.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(why).toContain(`REPORTED, authorised by consent ${consent.consentId} version 1; on the outbound topic as record ${records[0].value.recordId}`);
    expect(why.match(/suppressed as a duplicate/g)).toHaveLength(2);
  });

  it('never furnishes a redelivery again, before or after a withdrawal, and the audit keeps saying what was furnished', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([OUT]);
    const consent = grant(ids.borrowerId, 1);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    const event = reportable(ids, 10);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event); // redelivered before the withdrawal
    const [first] = await capture.waitFor<OutboundRecord>((r) => r.topic === OUT && (r.value as OutboundRecord).sourceEventId === event.eventId, 1);
    await waitForTrail(event.eventId, (rows) => count(rows, 'DUPLICATE') === 1);

    const withdrawal = withdraw(ids.borrowerId, 12);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, withdrawal);
    await waitUntilInLedger(withdrawal.consentId);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event); // redelivered after it (replay, DR fail-over)
    const rows = await waitForTrail(event.eventId, (r) => count(r, 'DUPLICATE') === 2);

    const mine = rows.filter((r) => r.bureau === 'baihang').map((r) => r.decision);
    expect(mine[0]).toBe('RELEASED');
    expect(mine.lastIndexOf('DUPLICATE')).toBeGreaterThan(mine.indexOf('PUBLISHED'));
    expect(count(rows, 'RELEASED')).toBe(1);
    expect(count(rows, 'PUBLISHED')).toBe(outboundOf(capture, event.eventId).length);
    expect(rows.some((r) => r.decision === 'WITHHELD' && r.bureau === 'baihang')).toBe(false);
    expect(outboundOf(capture, event.eventId).map((r) => r.value.recordId)).toEqual([first.value.recordId]);
    const why = await whyReport({ eventId: event.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(why).toContain(`REPORTED, authorised by consent ${consent.consentId} version 1; on the outbound topic as record ${first.value.recordId}`);
    expect(why).toContain(`${withdrawal.consentId} v1, effective ${day(12).toISOString()}`);
    expect(why).toContain('[recorded after this decision]');
  });

  it('withholds a released record whose consent is withdrawn while it waits before the formatter, with its own reason', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([OUT, TOPICS.minimised.baihang]);
    const consent = grant(ids.borrowerId, 1);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await services.stop('bureau-formatter');
    const event = reportable(ids, 10);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    await capture.waitFor((r) => r.topic === TOPICS.minimised.baihang && r.sourceKey === ids.accountId, 1);
    expect((await audit.decisionsFor([event.eventId])).find((r) => r.bureau === 'baihang')).toMatchObject({ decision: 'RELEASED', consent_id: consent.consentId });

    const withdrawal = withdraw(ids.borrowerId, 12);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, withdrawal);
    await waitUntilInLedger(withdrawal.consentId);
    await services.start('bureau-formatter');

    const rows = await waitForTrail(event.eventId, (r) => count(r, 'WITHHELD_AT_RELEASE') > 0);
    expect(rows.find((r) => r.decision === 'WITHHELD_AT_RELEASE')).toMatchObject({ stage: 'bureau-formatter', reason: 'WITHDRAWN_BEFORE_RELEASE', consent_id: consent.consentId });
    expect(count(rows, 'PUBLISHED')).toBe(0);
    expect(outboundOf(capture, event.eventId)).toEqual([]);
    // The formatter was restarted: its counter counts from this start.
    expect(await metric('bureau-formatter', 'furnish_consent_release_withheld_total', { bureau: 'baihang', reason: 'withdrawn_before_release' })).toBeGreaterThanOrEqual(1);
    const why = await whyReport({ eventId: event.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(why).toContain('NOT REPORTED (WITHDRAWN_BEFORE_RELEASE)');
  });
});

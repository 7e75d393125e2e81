import type { ConsentEvent, ConsentedLoanEvent, LoanEvent } from '@furnish/shared-contracts';
import { TOPICS } from '@furnish/shared-contracts';
import type { Overrides } from '@furnish/shared-contracts/testing';
import { PipelineClient } from '@furnish/tools-kafka';
import { ConsentAudit } from './support/consent-audit';
import { services } from './support/services';
import { readStackLogs } from './support/stack-logs';
import { whyReport } from '@furnish/consent-data-access-reports';
import { aFreshBorrower, consentFor, loanEventFor, RECEIVED_BY_EVERY_BUREAU, TEST_DATABASE_NAME, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
const grant = (borrowerId: string, from: number, more: Overrides<ConsentEvent> = {}) =>
  consentFor(borrowerId, { bureaus: ['PBOC_CRC'], effectiveAt: day(from), expiresAt: null, ...more });
const withdraw = (borrowerId: string, at: number) =>
  consentFor(borrowerId, { action: 'WITHDRAWN', bureaus: ['PBOC_CRC'], effectiveAt: day(at), expiresAt: null });

interface Case {
  readonly name: string;
  /** Consent events published before the loan event (none waits for the ledger). */
  readonly consents: (borrowerId: string) => ConsentEvent[];
  readonly eventDay: number;
  /** Consent events published after the loan event occurred but before the filter releases it. */
  readonly beforeRelease?: (borrowerId: string) => ConsentEvent[];
  /** Expected PBOC CRC decision: a reason, or the index of the consent (in `consents`) that authorises. */
  readonly expected: string | { authorisedBy: number };
}

const CASES: Case[] = [
  { name: 'grant then event', consents: (b) => [grant(b, 1)], eventDay: 10, expected: { authorisedBy: 0 } },
  { name: 'event before grant', consents: (b) => [grant(b, 20)], eventDay: 10, expected: 'NOT_YET_EFFECTIVE' },
  { name: 'expiry after the event', consents: (b) => [grant(b, 1, { expiresAt: day(30) })], eventDay: 10, expected: { authorisedBy: 0 } },
  { name: 'expiry before the event', consents: (b) => [grant(b, 1, { expiresAt: day(5) })], eventDay: 10, expected: 'EXPIRED' },
  { name: 'withdrawal before the event', consents: (b) => [grant(b, 1), withdraw(b, 5)], eventDay: 10, expected: 'WITHDRAWN' },
  { name: 'withdrawal after the event, before release', consents: (b) => [grant(b, 1)], eventDay: 10, beforeRelease: (b) => [withdraw(b, 12)], expected: 'WITHDRAWN' },
  { name: 'grant for another bureau only', consents: (b) => [grant(b, 1, { bureaus: ['BAIHANG'] })], eventDay: 10, expected: 'NO_CONSENT' },
  { name: 're-grant after withdrawal', consents: (b) => [grant(b, 1), withdraw(b, 3), grant(b, 5)], eventDay: 10, expected: { authorisedBy: 2 } },
  { name: 'overlapping grants', consents: (b) => [grant(b, 1, { expiresAt: day(60) }), grant(b, 4, { expiresAt: day(30) })], eventDay: 10, expected: { authorisedBy: 1 } },
  { name: 'unknown borrower', consents: () => [], eventDay: 10, expected: 'NO_CONSENT' },
];

describe('consent rule through Kafka (real ledger, filter and PostgreSQL)', () => {
  const kafka = new PipelineClient();
  const audit = new ConsentAudit();
  afterAll(async () => {
    await services.start('consent-ledger');
    await kafka.close();
    await audit.close();
  });

  it('decides every case of the rule, without waiting for the ledger between consent and loan events', async () => {
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    const runs = CASES.map((c) => {
      const ids = aFreshBorrower();
      return { c, ids, consents: c.consents(ids.borrowerId), event: loanEventFor(ids, { ...RECEIVED_BY_EVERY_BUREAU, occurredAt: day(c.eventDay) }), late: c.beforeRelease?.(ids.borrowerId) ?? [] };
    });
    for (const run of runs) for (const consent of [...run.consents, ...run.late]) await kafka.publish(TOPICS.consentEvents, run.ids.borrowerId, consent);
    for (const run of runs) await kafka.publish(TOPICS.loanEvents, run.ids.accountId, run.event);

    const rows = await audit.waitForDecisions(runs.map((r) => r.event.eventId));
    const released = await capture.settled((r) => runs.some((run) => run.ids.accountId === r.sourceKey), 2_000);
    const expired = runs.find((r) => r.c.name === 'expiry before the event')!;
    const answer = await whyReport({ eventId: expired.event.eventId, bureau: 'pboc-crc', databaseUrl: TEST_DATABASE_URL });
    expect(answer).toContain('NOT REPORTED (EXPIRED)');
    expect(answer).toContain(expired.consents[0].consentId);
    expect(answer).not.toContain(expired.ids.borrowerId);
    for (const run of runs) {
      const pboc = rows.find((r) => r.event_id === run.event.eventId && r.bureau === 'pboc-crc')!;
      const outputs = released.filter((r) => r.sourceKey === run.ids.accountId).map((r) => r.value as ConsentedLoanEvent);
      if (typeof run.c.expected === 'string') {
        expect({ case: run.c.name, decision: pboc.decision, reason: pboc.reason }).toEqual({ case: run.c.name, decision: 'WITHHELD', reason: run.c.expected });
        expect({ case: run.c.name, outputs: outputs.filter((o) => o.bureau === 'PBOC_CRC') }).toEqual({ case: run.c.name, outputs: [] });
      } else {
        const authorising = run.consents[run.c.expected.authorisedBy];
        expect({ case: run.c.name, decision: pboc.decision, consent: pboc.consent_id }).toEqual({ case: run.c.name, decision: 'RELEASED', consent: authorising.consentId });
        expect(outputs.filter((o) => o.bureau === 'PBOC_CRC').map((o) => o.consent)).toEqual([{ consentId: authorising.consentId, version: 1 }]);
      }
    }
  });

  it('waits for a ledger that is behind instead of deciding, and honours the grant once the ledger catches up', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    await services.stop('consent-ledger');
    const consent = grant(ids.borrowerId, 1);
    const event: LoanEvent = loanEventFor(ids, { ...RECEIVED_BY_EVERY_BUREAU, occurredAt: day(10) });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);

    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await audit.decisionsFor([event.eventId])).toEqual([]);
    expect(capture.records.filter((r) => r.sourceKey === ids.accountId)).toEqual([]);
    const metrics = await (await fetch(services.metricsUrl('consent-filter'))).text();
    expect(metrics).toMatch(/furnish_stage_retries_total\{stage="consent-filter",disposition="wait"\} [1-9]|furnish_consent_ledger_wait_seconds_bucket\{le="2.5"\} /);

    await services.start('consent-ledger');
    const [released] = await capture.waitFor((r) => r.sourceKey === ids.accountId, 1);
    expect((released.value as ConsentedLoanEvent).consent.consentId).toBe(consent.consentId);
    const rows = await audit.decisionsFor([event.eventId]);
    expect(rows.find((r) => r.bureau === 'pboc-crc')).toMatchObject({ decision: 'RELEASED', consent_id: consent.consentId });
  });

  it('honours a grant written in a Kafka transaction, whose commit marker ends the consent partition', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    const consent = grant(ids.borrowerId, 1);
    const producer = kafka.kafka.producer({ transactionalId: `e2e-consent-${ids.borrowerId}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic: TOPICS.consentEvents, messages: [{ key: ids.borrowerId, value: await kafka.serde.encode(TOPICS.consentEvents, consent) }] });
    await transaction.commit();
    await producer.disconnect();
    await kafka.publish(TOPICS.loanEvents, ids.accountId, loanEventFor(ids, { ...RECEIVED_BY_EVERY_BUREAU, occurredAt: day(10) }));
    const [released] = await capture.waitFor((r) => r.sourceKey === ids.accountId, 1, 30_000);
    expect((released.value as ConsentedLoanEvent).consent.consentId).toBe(consent.consentId);
  });

  it('pauses while its database connections are cut and resumes without losing or duplicating anything', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    const consent = grant(ids.borrowerId, 1);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    await audit.decisionsFor([]);
    const events = Array.from({ length: 60 }, () => loanEventFor(ids, { ...RECEIVED_BY_EVERY_BUREAU, occurredAt: day(10) }));

    const filterLog = () => readStackLogs().find((l) => l.file === 'consent-filter.log')?.text ?? '';
    const logBefore = filterLog().length;
    // A real outage for the filter: its database refuses new connections and its open ones are cut.
    await audit.administer(`ALTER DATABASE ${TEST_DATABASE_NAME} WITH ALLOW_CONNECTIONS false`);
    let cuts = 0;
    let decidedDuringOutage: unknown[];
    try {
      cuts = await audit.administer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'furnish-consent-filter'`);
      for (const event of events) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      decidedDuringOutage = await audit.decisionsFor(events.map((e) => e.eventId));
      const metrics = await (await fetch(services.metricsUrl('consent-filter'))).text();
      expect(metrics).toMatch(/furnish_stage_waiting_partitions\{stage="consent-filter"\} [1-9]/);
      expect(capture.records.filter((r) => r.sourceKey === ids.accountId)).toEqual([]);
    } finally {
      await audit.administer(`ALTER DATABASE ${TEST_DATABASE_NAME} WITH ALLOW_CONNECTIONS true`);
    }

    expect(cuts).toBeGreaterThan(0);
    expect(decidedDuringOutage).toEqual([]);
    const delivered = await capture.waitFor((r) => r.sourceKey === ids.accountId, events.length, 120_000);
    const settled = await capture.settled((r) => r.sourceKey === ids.accountId, 2_000);
    expect(settled).toHaveLength(events.length);
    expect(delivered.map((r) => (r.value as ConsentedLoanEvent).loanEvent.eventId)).toEqual(events.map((e) => e.eventId));
    const rows = await audit.decisionsFor(events.map((e) => e.eventId));
    expect(rows.filter((r) => r.bureau === 'pboc-crc' && r.decision === 'RELEASED')).toHaveLength(events.length);
    // The runbook says to look for these in the filter's log.
    const log = filterLog().slice(logBefore);
    expect(log).toMatch(/waiting for an unavailable dependency \(DEPENDENCY_UNAVAILABLE/);
    expect(log).toMatch(/dependency available again after/);
  });
});

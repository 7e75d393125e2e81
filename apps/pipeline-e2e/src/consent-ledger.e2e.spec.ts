import { ConfigResourceTypes, type Admin } from 'kafkajs';
import type { ConsentEvent, ConsentedLoanEvent } from '@furnish/shared-contracts';
import { TOPICS } from '@furnish/shared-contracts';
import type { Overrides } from '@furnish/shared-contracts/testing';
import { borrowerRef } from '@furnish/consent-domain';
import { assertBrokerTime } from '@furnish/consent-data-access';
import { HEADERS } from '@furnish/shared-stage-runtime';
import { services } from './support/services';
import { aFreshBorrower, consentFor, loanEventFor, waitUntilInLedger } from './support/scenario';
import { suiteClients } from './support/suite-clients';

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
const grant = (borrowerId: string, from: number, more: Overrides<ConsentEvent> = {}) =>
  consentFor(borrowerId, { bureaus: ['PBOC_CRC'], effectiveAt: day(from), expiresAt: null, ...more });
const withdraw = (borrowerId: string, at: number) =>
  consentFor(borrowerId, { action: 'WITHDRAWN', bureaus: ['PBOC_CRC'], effectiveAt: day(at), expiresAt: null });

async function assertBrokerTimeEventually(admin: Admin, topic: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await assertBrokerTime(admin, [topic]);
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function metric(line: RegExp): Promise<number> {
  const text = await (await fetch(services.metricsUrl('consent-ledger'))).text();
  const match = text.split('\n').find((l) => line.test(l));
  if (!match) throw new Error(`no series matching ${line} on the ledger's /metrics`);
  return Number(match.split(' ').pop());
}
const rejectedWithdrawals = /^furnish_consent_events_rejected_total\{action="WITHDRAWN",reason="CONSENT_VERSION_CONFLICT"\} /;
const replayedGrants = /^furnish_consent_events_replayed_total\{action="GRANTED"\} /;

describe('consent ledger through Kafka (real ledger, filter and PostgreSQL)', () => {
  const { kafka, audit, db } = suiteClients();

  it('lets ledger order decide: back-dated and future-dated withdrawals and a narrowing version withhold events dated before them', async () => {
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    const cases = [
      { name: 'back-dated withdrawal', consents: (b: string) => [grant(b, 5), withdraw(b, 1)] },
      { name: 'future-dated withdrawal', consents: (b: string) => [grant(b, 1), withdraw(b, 300)] },
      {
        name: 'narrowing version dated after the event',
        consents: (b: string) => {
          const first = grant(b, 1, { bureaus: ['PBOC_CRC', 'BAIHANG'] });
          return [first, { ...first, version: 2, bureaus: ['BAIHANG' as const], effectiveAt: day(20) }];
        },
      },
    ].map((c) => {
      const ids = aFreshBorrower();
      return { ...c, ids, consents: c.consents(ids.borrowerId), event: loanEventFor(ids, { occurredAt: day(10) }) };
    });
    for (const c of cases) for (const consent of c.consents) await kafka.publish(TOPICS.consentEvents, c.ids.borrowerId, consent);
    for (const c of cases) await kafka.publish(TOPICS.loanEvents, c.ids.accountId, c.event);

    const rows = await audit.waitForDecisions(cases.map((c) => c.event.eventId));
    const released = await capture.settled((r) => cases.some((c) => c.ids.accountId === r.sourceKey), 2_000);
    for (const c of cases) {
      const pboc = rows.find((r) => r.event_id === c.event.eventId && r.bureau === 'pboc-crc');
      expect({ case: c.name, decision: pboc?.decision, reason: pboc?.reason }).toEqual({ case: c.name, decision: 'WITHHELD', reason: 'WITHDRAWN' });
      const outputs = released.filter((r) => r.sourceKey === c.ids.accountId).map((r) => (r.value as ConsentedLoanEvent).bureau);
      expect({ case: c.name, outputs: outputs.filter((b) => b === 'PBOC_CRC') }).toEqual({ case: c.name, outputs: [] });
    }
    // The narrowing keeps the bureau it names: Baihang is still released by version 1.
    const narrowed = cases[2];
    expect(rows.find((r) => r.event_id === narrowed.event.eventId && r.bureau === 'baihang')).toMatchObject({ decision: 'RELEASED', consent_version: 1 });
  });

  it('rejects a reused (consent id, version) with other content to the DLQ and counts it; an exact replay is a counted no-op', async () => {
    const ids = aFreshBorrower();
    const dlq = await kafka.capture([TOPICS.deadLetter['consent-ledger']]);
    const original = grant(ids.borrowerId, 1);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, original);
    await waitUntilInLedger(original.consentId);
    const rejectedBefore = await metric(rejectedWithdrawals);
    const replayedBefore = await metric(replayedGrants);

    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, original);
    const reused: ConsentEvent = { ...original, action: 'WITHDRAWN', effectiveAt: day(3) };
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, reused);
    // Same key, same partition: once this one is in the ledger, the two before it were processed.
    const sentinel = grant(ids.borrowerId, 2, { bureaus: ['METRO2'] });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, sentinel);
    await waitUntilInLedger(sentinel.consentId);

    await dlq.waitFor((r) => r.sourceKey === ids.borrowerId, 1);
    const dead = await dlq.settled((r) => r.sourceKey === ids.borrowerId, 1_000);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers).toMatchObject({ [HEADERS.stage]: 'consent-ledger', [HEADERS.errorCode]: 'CONSENT_VERSION_CONFLICT' });
    expect(dead[0].headers[HEADERS.errorMessage]).not.toContain(ids.borrowerId);
    expect(await kafka.serde.decode(TOPICS.consentEvents, dead[0].original!.value)).toMatchObject({ consentId: original.consentId, action: 'WITHDRAWN' });
    expect(await metric(rejectedWithdrawals)).toBe(rejectedBefore + 1);
    expect(await metric(replayedGrants)).toBe(replayedBefore + 1);
    const stored: { action: string }[] = (await db.query('SELECT action FROM consent_event WHERE consent_id = $1', [original.consentId])).rows;
    expect(stored).toEqual([{ action: 'GRANTED' }]);
  });

  it('stores only the keyed reference of the borrower, never the id', async () => {
    const ids = aFreshBorrower();
    const consent = grant(ids.borrowerId, 1);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const [row] = (await db.query('SELECT borrower_ref, e::text AS text FROM consent_event e WHERE consent_id = $1', [consent.consentId])).rows;
    expect(row.text).not.toContain(ids.borrowerId);
    // The stack runs in local mode with the development key.
    expect(row.borrower_ref).toBe(borrowerRef('furnish-local-development-key', ids.borrowerId));
  });

  it('refuses to start with the development pseudonym key outside local mode, naming the variable', async () => {
    await expect(services.start('consent-ledger', 1, { FURNISH_ENV: 'production' })).rejects.toThrow(/CONSENT_PSEUDONYM_KEY: is the development default, refused outside local mode \(FURNISH_ENV=local\)/);
  });

  it.each([
    ['consent-ledger', TOPICS.consentEvents],
    ['consent-filter', TOPICS.loanEvents],
  ] as const)('%s refuses to start while %s stamps CreateTime, naming the topic and the fix', async (service, topic) => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    const timestampType = (value: string) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'message.timestamp.type', value }] });
    const escaped = topic.replace(/\./g, '\\.');
    try {
      await admin.alterConfigs({ validateOnly: false, resources: [timestampType('CreateTime')] });
      await expect(services.start(service, 1)).rejects.toThrow(
        new RegExp(
          `topic ${escaped} has message\\.timestamp\\.type=CreateTime, needs LogAppendTime \\(fix: kafka-configs\\.sh .*--entity-name ${escaped} --add-config message\\.timestamp\\.type=LogAppendTime\\)`,
        ),
      );
    } finally {
      await admin.alterConfigs({ validateOnly: false, resources: [timestampType('LogAppendTime')] });
      // The suites after this one publish to the topic: wait until the broker stamps broker time again.
      await assertBrokerTimeEventually(admin, topic);
      await admin.disconnect();
    }
  });
});

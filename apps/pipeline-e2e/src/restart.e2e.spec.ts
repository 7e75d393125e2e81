import { TOPICS, type MinimisedBaihangRecord } from '@furnish/shared-contracts';
import type { ServiceName } from '@furnish/tools-stack';
import { services } from './support/services';
import { aFreshBorrower, consentFor, loanEventFor, waitUntilInLedger } from './support/scenario';
import { PipelineClient } from '@furnish/tools-kafka';

const EVENTS = 240;
const WAVES = 8;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('exactly once across a graceful stop and a crash (real services)', () => {
  const kafka = new PipelineClient();
  const touched: ServiceName[] = ['consent-filter', 'minimiser'];
  afterAll(async () => {
    for (const name of touched) await services.start(name);
    await kafka.close();
  });

  it('delivers every event once, in order, when the minimiser is SIGTERMed and the filter SIGKILLed mid-stream', async () => {
    const ids = aFreshBorrower();
    const consent = consentFor(ids.borrowerId, { bureaus: ['BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const capture = await kafka.capture([TOPICS.minimised.baihang]);
    const events = Array.from({ length: EVENTS }, () => loanEventFor(ids));

    const perWave = EVENTS / WAVES;
    for (let wave = 0; wave < WAVES; wave++) {
      for (const event of events.slice(wave * perWave, (wave + 1) * perWave)) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
      if (wave === 2) await services.stop('minimiser');
      if (wave === 3) expect(services.kill('consent-filter')).toBe(true);
      if (wave === 5) {
        await services.start('minimiser');
        await services.start('consent-filter');
      }
      await pause(150);
    }

    await capture.waitFor((r) => r.sourceKey === ids.accountId, EVENTS, 150_000);
    const received = (await capture.settled((r) => r.sourceKey === ids.accountId, 3_000)).map((r) => (r.value as MinimisedBaihangRecord).eventId);
    expect(received).toHaveLength(EVENTS);
    expect(new Set(received).size).toBe(EVENTS);
    expect(received).toEqual(events.map((e) => e.eventId));
  });
});

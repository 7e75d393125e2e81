import { TOPICS, type ConsentedLoanEvent, type MinimisedBaihangRecord, type OutboundRecord } from '@furnish/shared-contracts';
import { PipelineClient, type CapturedRecord } from '@furnish/tools-kafka';
import type { ServiceName } from '@furnish/tools-stack';
import { services } from './support/services';
import { SteadyFlow } from './support/steady-flow';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The broker's minimum: a stalled instance is evicted from its group after this. */
const SHORT_SESSION = { KAFKA_SESSION_TIMEOUT_MS: '6000' };

interface StageUnderTest {
  readonly service: ServiceName;
  readonly output: string;
  readonly eventIdOf: (record: CapturedRecord) => string;
  /** Identifies one output record, where a stage may make several per event. */
  readonly recordIdOf?: (record: CapturedRecord) => string;
}

const STAGES: StageUnderTest[] = [
  { service: 'consent-filter', output: TOPICS.consentedLoanEvents, eventIdOf: (r) => (r.value as ConsentedLoanEvent).loanEvent.eventId },
  { service: 'minimiser', output: TOPICS.minimised.baihang, eventIdOf: (r) => (r.value as MinimisedBaihangRecord).eventId },
  {
    service: 'bureau-formatter',
    output: TOPICS.outbound.baihang,
    eventIdOf: (r) => (r.value as OutboundRecord).sourceEventId,
    recordIdOf: (r) => (r.value as OutboundRecord).recordId,
  },
];

/**
 * Replicas share a stage's input partitions through its consumer group; this is how Furnish grows
 * past one machine. Each stage goes 1 → 3 → 1 replicas during a steady flow, with one replica
 * stalled past its session timeout (SIGSTOP, a zombie) and resumed, one stopped gracefully and one
 * killed — and every event still comes out exactly once, in order per account.
 */
describe.each(STAGES)('$service scaled 1 → 3 → 1 with a zombie during a steady flow (real services)', ({ service, output, eventIdOf, recordIdOf }) => {
  const kafka = new PipelineClient();
  afterAll(async () => {
    for (const replica of [1, 2]) {
      services.signal(service, 'SIGCONT', replica);
      await services.stop(service, replica);
    }
    await services.stop(service);
    await services.start(service);
    await kafka.close();
  });

  it('delivers every event exactly once and in order per account', async () => {
    await services.stop(service);
    await services.start(service, 0, SHORT_SESSION);
    const flow = await SteadyFlow.start(kafka, 8);
    const capture = await kafka.capture([output]);

    for (let wave = 0; wave < 16; wave++) {
      await flow.wave(20);
      if (wave === 2) await Promise.all([services.start(service, 1, SHORT_SESSION), services.start(service, 2, SHORT_SESSION)]);
      if (wave === 6) expect(services.signal(service, 'SIGSTOP', 1)).toBe(true);
      if (wave === 12) expect(services.signal(service, 'SIGCONT', 1)).toBe(true);
      if (wave === 14) {
        await services.stop(service, 2);
        expect(services.kill(service, 1)).toBe(true);
      }
      await pause(wave >= 6 && wave < 12 ? 1_500 : 500);
    }

    const mine = (r: CapturedRecord) => flow.isMine(r);
    await capture.waitFor(mine, flow.events.length, 240_000);
    const delivered = await capture.settled(mine, 5_000);
    expect(flow.breaches(delivered, eventIdOf, recordIdOf)).toEqual([]);
  }, 420_000);
});

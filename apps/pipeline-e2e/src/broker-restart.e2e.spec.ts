import { TOPICS, type OutboundRecord } from '@furnish/shared-contracts';
import { PipelineClient, type CapturedRecord } from '@furnish/tools-kafka';
import { loadStackConfig, startComponent, stopComponent } from '@furnish/tools-stack';
import { services } from './support/services';
import { SteadyFlow } from './support/steady-flow';

const RESTARTS = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The broker is killed (SIGKILL) or stopped (SIGTERM) and started again, five times, while
 * events flow through all four services — commits are cut off in every state. Every event must
 * reach the outbound topic exactly once and in order per account, with nothing dead-lettered, and
 * without restarting any service.
 */
describe('exactly once through broker crashes (real services)', () => {
  const kafka = new PipelineClient();
  afterAll(async () => {
    await startComponent('kafka'); // whatever happened, the suites after this one need a broker
    await kafka.close();
  });

  it('loses nothing, duplicates nothing and dead-letters nothing across five broker restarts', async () => {
    if (!loadStackConfig(process.env).kafka.local) {
      console.warn('KAFKA_BROKERS is not a broker this stack runs: the broker restart test needs one it can kill');
      return;
    }
    const flow = await SteadyFlow.start(kafka, 8);
    const capture = await kafka.capture([TOPICS.outbound.baihang, ...Object.values(TOPICS.deadLetter)]);

    for (let wave = 0; wave < RESTARTS * 2 + 2; wave++) {
      await flow.wave(25);
      if (wave % 2 === 1 && wave < RESTARTS * 2 + 1) {
        await pause(300 + Math.floor(Math.random() * 700)); // somewhere inside the stages' transactions
        // Alternately a crash (SIGKILL: unflushed segments to recover) and a rolling restart (SIGTERM).
        await stopComponent('kafka', services.paths, wave % 4 === 1 ? 'kill' : 'terminate');
        await pause(1_000);
        await startComponent('kafka');
      }
    }

    const mine = (r: CapturedRecord) => flow.isMine(r);
    const outbound = (r: CapturedRecord) => mine(r) && r.topic === TOPICS.outbound.baihang;
    await capture.waitFor(outbound, flow.events.length, 300_000);
    const delivered = await capture.settled(mine, 5_000);
    expect(delivered.filter((r) => r.topic !== TOPICS.outbound.baihang)).toEqual([]);
    const records = delivered.filter((r) => r.topic === TOPICS.outbound.baihang);
    expect(
      flow.breaches(
        records,
        (r) => (r.value as OutboundRecord).sourceEventId,
        (r) => (r.value as OutboundRecord).recordId,
      ),
    ).toEqual([]);
  }, 1_500_000);
});

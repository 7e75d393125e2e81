import { Registry } from 'prom-client';
import { TOPICS, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { MINIMISATION_HEADERS, Minimiser, RecordRejectedError } from '@furnish/minimisation-domain';
import { aConsentedLoanEventFor } from '@furnish/minimisation-domain/testing';
import { EncodedValue, isFailure, type InputRecord } from '@furnish/shared-stage-api';
import { StageAuditTrail } from '@furnish/consent-release-gate';
import { HEADERS, MessageHeaders } from '@furnish/shared-stage-runtime';
import { MINIMISER_METRICS, MinimiserMetrics } from './minimiser.metrics';
import { MinimiserStage } from './minimiser.stage';

const record = (value: ConsentedLoanEvent, offset: number): InputRecord<ConsentedLoanEvent> => ({
  key: value.loanEvent.account.accountId,
  value,
  topic: TOPICS.consentedLoanEvents,
  partition: 0,
  offset: String(offset),
  timestamp: new Date('2024-06-03T11:42:18Z'),
  headers: new MessageHeaders({}),
  encoded: EncodedValue.ofValue(value),
});

describe('MinimiserStage', () => {
  const registry = new Registry();
  type Decisions = ConstructorParameters<typeof StageAuditTrail>[1];
  const appended: Parameters<Decisions['append']>[0][number][] = [];
  // Only the rows matter here; the repository's SQL is covered by consent-repositories.integration.spec.ts.
  const decisions = { append: async (rows: typeof appended) => void appended.push(...rows) } as unknown as Decisions;
  const stage = new MinimiserStage(new Minimiser(), new MinimiserMetrics(registry), new StageAuditTrail('minimiser', decisions));

  it('emits each bureau’s minimised record with the policy and decision-time headers, and dead-letters a record its bureau cannot take', async () => {
    const good = aConsentedLoanEventFor('pboc-crc');
    const withheld = aConsentedLoanEventFor('metro2', { borrower: { phone: 'ask at branch' } });
    const bad = aConsentedLoanEventFor('baihang', { borrower: { idNumber: '110105194912310021' } });
    const [first, second, third] = await stage.process([record(good, 1), record(withheld, 2), record(bad, 3)]);

    expect(first).toEqual({
      outputs: [{ topic: TOPICS.minimised['pboc-crc'], key: good.loanEvent.account.accountId, value: expect.objectContaining({ eventId: good.loanEvent.eventId }), headers: { [MINIMISATION_HEADERS.policy]: 'pboc-crc@4', [HEADERS.decidedAt]: String(good.decidedAt.getTime()) } }],
    });
    expect(second).toMatchObject({
      outputs: [{ topic: TOPICS.minimised.metro2, headers: { [MINIMISATION_HEADERS.policy]: 'metro2@4', [MINIMISATION_HEADERS.withheld]: 'borrower.phone' } }],
    });
    if (!isFailure(third)) throw new Error('expected a failure');
    expect(third.failure).toBeInstanceOf(RecordRejectedError);
    expect(third.failure).toMatchObject({ code: 'EVENT_INVALID', disposition: 'dead-letter' });
    expect(third.failure.message).toBe('minimisation policy baihang@3 rejected the record: borrower.idNumber is malformed (expected an 18-character PRC resident id number with a valid GB 11643 check character)');
    expect(third.failure.ruleIds).toEqual(['baihang.borrower.idNumber.malformed']);
  });

  it('counts outcomes and the fields behind them, labelled by path only', async () => {
    const metrics = await registry.getMetricsAsJSON();
    const values = (name: string) => metrics.find((m) => m.name === name)?.values.map((v) => ({ labels: v.labels, value: v.value }));
    expect(values(MINIMISER_METRICS.records)).toEqual(
      expect.arrayContaining([
        { labels: { bureau: 'pboc-crc', outcome: 'minimised' }, value: 1 },
        { labels: { bureau: 'baihang', outcome: 'rejected' }, value: 1 },
      ]),
    );
    expect(values(MINIMISER_METRICS.fieldProblems)).toEqual(
      expect.arrayContaining([
        { labels: { bureau: 'metro2', field: 'borrower.phone', problem: 'malformed', handling: 'withheld' }, value: 1 },
        { labels: { bureau: 'baihang', field: 'borrower.idNumber', problem: 'malformed', handling: 'rejected' }, value: 1 },
      ]),
    );
  });

  // After the metric counts above: it processes records of its own.
  it('appends each rejection to the audit trail with the stage, code and rule, and nothing for minimised records', async () => {
    const good = aConsentedLoanEventFor('pboc-crc');
    const bad = aConsentedLoanEventFor('baihang', { borrower: { idNumber: '110105194912310021' } });
    const [kept, rejected] = await stage.process([record(good, 4), record(bad, 5)]);
    if (isFailure(kept) || !isFailure(rejected)) throw new Error('expected one output and one failure');
    appended.length = 0;
    await stage.settled([
      { record: record(good, 4), outputs: kept.outputs },
      { record: record(bad, 5), failure: rejected.failure },
    ]);
    expect(appended).toEqual([
      expect.objectContaining({ eventId: bad.loanEvent.eventId, bureau: 'baihang', stage: 'minimiser', decision: 'REJECTED', reason: 'EVENT_INVALID baihang.borrower.idNumber.malformed', recordId: null }),
    ]);
  });
});

import { Registry } from 'prom-client';
import { PrometheusStageObserver } from './prometheus-stage.observer';

async function series(registry: Registry, name: string) {
  return (await registry.getSingleMetric(name)!.get()).values;
}

describe('PrometheusStageObserver SLO metrics', () => {
  it('pre-initialises outbound records for exactly the bureaus the stage writes, with their record kinds', async () => {
    const registry = new Registry();
    new PrometheusStageObserver('bureau-formatter', registry, ['furnish.outbound.pboc-crc.v1', 'furnish.outbound.baihang.v1']);
    const labels = (await series(registry, 'furnish_outbound_records_total')).map((s) => s.labels);
    // bureau-formats.md: PBOC types 210, 212 and 213 (by-segment correction and deletion) and 214
    // (whole-record deletion); Baihang D2, D3, X2 and the opCode D deletion. Metro 2 is not among the outputs.
    expect(labels).toEqual(
      expect.arrayContaining([
        { bureau: 'pboc-crc', kind: 'PBOC_210' },
        { bureau: 'pboc-crc', kind: 'PBOC_214' },
        { bureau: 'pboc-crc', kind: 'PBOC_212' },
        { bureau: 'pboc-crc', kind: 'PBOC_213' },
        { bureau: 'baihang', kind: 'BAIHANG_DELETE' },
        { bureau: 'baihang', kind: 'BAIHANG_D2' },
        { bureau: 'baihang', kind: 'BAIHANG_D3' },
        { bureau: 'baihang', kind: 'BAIHANG_X2' },
      ]),
    );
    expect(labels).toHaveLength(8);
  });

  it('counts an outbound record by bureau and kind and observes its latency; other topics are not outbound', async () => {
    const registry = new Registry();
    const observer = new PrometheusStageObserver('bureau-formatter', registry, ['furnish.outbound.metro2.v1']);
    observer.outputCommitted('furnish.outbound.metro2.v1', 'METRO2_BASE', 0.7);
    observer.outputCommitted('furnish.outbound.metro2.v1', 'METRO2_BASE', 3);
    observer.outputCommitted('furnish.minimised.metro2.v1', undefined, 0.1);
    const counted = await series(registry, 'furnish_outbound_records_total');
    expect(counted).toContainEqual(expect.objectContaining({ labels: { bureau: 'metro2', kind: 'METRO2_BASE' }, value: 2 }));
    const buckets = (await series(registry, 'furnish_outbound_end_to_end_latency_seconds')).filter((s) => (s as { metricName?: string }).metricName?.endsWith('_bucket'));
    const le = (bound: string) => buckets.find((b) => String(b.labels['le']) === bound)?.value;
    // 0.7 s is within the 1 s objective, 3 s is not.
    expect(le('0.5')).toBe(0);
    expect(le('1')).toBe(1);
    expect(le('5')).toBe(2);
  });

  it('a kind outside the closed set is counted as unknown, never as the value given', async () => {
    const registry = new Registry();
    const observer = new PrometheusStageObserver('bureau-formatter', registry, []);
    observer.outputCommitted('furnish.outbound.baihang.v1', 'ACCOUNT 6222-1234', 0.2);
    const labels = (await series(registry, 'furnish_outbound_records_total')).map((s) => s.labels);
    expect(labels).toEqual([{ bureau: 'baihang', kind: 'unknown' }]);
  });

  it('counts a record rejected by bureau rules once per rule, and a rule id that is not an id as other', async () => {
    const registry = new Registry();
    const observer = new PrometheusStageObserver('bureau-formatter', registry, []);
    observer.deadLettered('RECORD_INVALID', ['metro2.base.account-status', 'metro2.base.date-opened']);
    observer.deadLettered('RECORD_INVALID', ['metro2.base.account-status']);
    observer.deadLettered('RECORD_INVALID', ['110101199003077777 Zhang San']);
    observer.deadLettered('EVENT_INVALID');
    const values = (await series(registry, 'furnish_stage_rule_rejections_total')).map((s) => [s.labels.rule, s.value]);
    expect(values).toEqual([
      ['metro2.base.account-status', 2],
      ['metro2.base.date-opened', 1],
      ['other', 1],
    ]);
    const invalid = (await series(registry, 'furnish_stage_dead_letters_total')).find((s) => s.labels.code === 'RECORD_INVALID');
    expect(invalid?.value).toBe(3);
  });

  it('sets and removes the time lag of a partition', async () => {
    const registry = new Registry();
    const observer = new PrometheusStageObserver('minimiser', registry);
    observer.timeLag('furnish.consented-loan-events.v1', 2, 42);
    expect(await series(registry, 'furnish_stage_time_lag_seconds')).toEqual([
      expect.objectContaining({ labels: { stage: 'minimiser', topic: 'furnish.consented-loan-events.v1', partition: '2' }, value: 42 }),
    ]);
    observer.timeLag('furnish.consented-loan-events.v1', 2, null);
    expect(await series(registry, 'furnish_stage_time_lag_seconds')).toEqual([]);
  });

  it('starts every dead-letter code, transaction result and retry disposition at zero', async () => {
    const registry = new Registry();
    new PrometheusStageObserver('minimiser', registry);
    const deadLetters = await series(registry, 'furnish_stage_dead_letters_total');
    expect(deadLetters).toContainEqual(expect.objectContaining({ labels: { stage: 'minimiser', code: 'RECORD_INVALID' }, value: 0 }));
    expect((await series(registry, 'furnish_stage_transactions_total')).map((s) => s.labels.result).sort()).toEqual(['aborted', 'committed']);
    expect((await series(registry, 'furnish_stage_retries_total')).map((s) => s.labels.disposition).sort()).toEqual(['retry', 'wait']);
  });
});

describe('PrometheusStageObserver halted partitions', () => {
  it('shows the deployment-fault codes at 0 from the start, counts halted partitions by code and returns to 0', async () => {
    const registry = new Registry();
    const observer = new PrometheusStageObserver('minimiser', registry);
    const halted = async () => Object.fromEntries((await series(registry, 'furnish_stage_halted_partitions')).map((s) => [s.labels.code, s.value]));
    expect(await halted()).toEqual({ REGISTRY_UNAUTHORIZED: 0, SCHEMA_NOT_REGISTERED: 0, TOPIC_MISSING: 0, KAFKA_UNAUTHORIZED: 0, SEALED_RECORD_KEY_UNKNOWN: 0 });
    observer.halted('t', 0, 'SCHEMA_NOT_REGISTERED');
    observer.halted('t', 1, 'SCHEMA_NOT_REGISTERED');
    expect((await halted())['SCHEMA_NOT_REGISTERED']).toBe(2);
    observer.halted('t', 0, null);
    observer.halted('t', 1, null);
    expect(await halted()).toEqual({ REGISTRY_UNAUTHORIZED: 0, SCHEMA_NOT_REGISTERED: 0, TOPIC_MISSING: 0, KAFKA_UNAUTHORIZED: 0, SEALED_RECORD_KEY_UNKNOWN: 0 });
  });
});

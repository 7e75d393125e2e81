import { loadBenchSettings } from './bench-settings';

describe('loadBenchSettings: the cost curve', () => {
  it('is on by default: 1–3 replicas, 20,000 events per drain, 10k, 100k and 1M borrowers', () => {
    expect(loadBenchSettings({}).costCurve).toEqual({ enabled: true, events: 20_000, maxReplicas: 3, borrowers: [10_000, 100_000, 1_000_000] });
  });

  it('is skipped with BENCH_COST_CURVE=0 and sized by its own variables', () => {
    const settings = loadBenchSettings({ BENCH_COST_CURVE: '0', BENCH_COST_CURVE_EVENTS: '5000', BENCH_COST_CURVE_REPLICAS: '2', BENCH_COST_CURVE_BORROWERS: '100000, 10000,100000' });
    // Borrower counts ascending and once each: the ledger only grows between drains.
    expect(settings.costCurve).toEqual({ enabled: false, events: 5_000, maxReplicas: 2, borrowers: [10_000, 100_000] });
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => loadBenchSettings({ BENCH_COST_CURVE: 'yes' })).toThrow(/^BENCH_COST_CURVE:/);
    // The inputs have 6 partitions: a seventh replica would sit idle.
    expect(() => loadBenchSettings({ BENCH_COST_CURVE_REPLICAS: '7' })).toThrow(/^BENCH_COST_CURVE_REPLICAS:/);
    expect(() => loadBenchSettings({ BENCH_COST_CURVE_BORROWERS: '10k' })).toThrow(/^BENCH_COST_CURVE_BORROWERS:/);
    expect(() => loadBenchSettings({ BENCH_COST_CURVE_EVENTS: '0' })).toThrow(/^BENCH_COST_CURVE_EVENTS:/);
  });
});

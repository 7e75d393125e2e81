import type { CostCurveReport } from './bench-results';
import type { DrainResult } from './drain.measure';
import { renderCostCurve } from './cost-curve.report';

/** A drain of `records` in `seconds` with the CPU seconds given per source, on a 2-core machine. */
function drain(records: number, seconds: number, cpu: Record<string, number>, machineBusy: number, metrics?: Map<string, number>): DrainResult {
  return {
    records,
    seconds,
    perSecond: records / seconds,
    steadyPerSecond: Number.NaN,
    memory: { rss: 150 * 2 ** 20 },
    cpu: { seconds: new Map(Object.entries(cpu)), machineBusy, wallSeconds: seconds, cores: 2 },
    metrics,
  };
}

/** The filter's produced-records counter as scraped: released records on the consented topic, dead letters on its DLQ. */
const released = (consented: number, deadLetters: number) =>
  new Map([
    ['furnish_stage_records_produced_total{stage="consent-filter",topic="bench.furnish.consented-loan-events.v1"}', consented],
    ['furnish_stage_records_produced_total{stage="consent-filter",topic="bench.furnish.dlq.consent-filter.v1"}', deadLetters],
  ]);

const curve: CostCurveReport = {
  stage: 'consent-filter',
  input: 'loan events',
  stageRates: [
    { stage: 'consent-ledger', perSecond: 20_000 },
    { stage: 'consent-filter', perSecond: 5_000 },
  ],
  replicas: [
    // 20,000 records in 4 s = 5,000/s; stage 4.0 CPU s → 200 µs per record, broker 1.2 s → 60 µs, PostgreSQL 1.6 s → 80 µs.
    { replicas: 1, drain: drain(20_000, 4, { stage: 4, kafka: 1.2, postgres: 1.6, bench: 0.4 }, 0.9) },
    // 20,000 in 2.5 s = 8,000/s: efficiency 8,000 / (2 × 5,000) = 80%; stage 4.4 s → 220 µs; 1.9 of 2 cores busy.
    { replicas: 2, drain: drain(20_000, 2.5, { stage: 4.4, kafka: 0.5, postgres: 0.5, bench: 0.1 }, 0.95) },
    { replicas: 3, error: 'consumer group not stable' },
  ],
  ledger: [
    // 20,000 in 5 s = 4,000/s; filter 5.0 s → 250 µs, broker 1.0 s → 50 µs, PostgreSQL 2.0 s → 100 µs.
    { borrowers: 10_000, ownBorrowers: 3_100, consentRows: 10_050, tableBytes: 4 * 2 ** 20, loadSeconds: 0.3, drain: drain(20_000, 5, { stage: 5, kafka: 1, postgres: 2, bench: 0.2 }, 0.9, released(7_000, 3)) },
    { borrowers: 100_000, ownBorrowers: 3_100, consentRows: 100_100, tableBytes: 40 * 2 ** 20, loadSeconds: 1.2, error: 'drain timed out' },
    // 20,000 in 8 s = 2,500/s; filter 6.0 s → 300 µs, broker 1.0 s → 50 µs, PostgreSQL 2.4 s → 120 µs.
    { borrowers: 1_000_000, ownBorrowers: 3_100, consentRows: 1_000_150, tableBytes: 400 * 2 ** 20, loadSeconds: 12.5, drain: drain(20_000, 8, { stage: 6, kafka: 1, postgres: 2.4, bench: 0.2 }, 0.85, released(6_900, 5)) },
  ],
  ledgerDatabase: 'furnish_bench_ledger',
};

const rowStarting = (lines: readonly string[], start: string) => lines.find((l) => l.startsWith(start));

describe('renderCostCurve', () => {
  const lines = renderCostCurve(curve, 2);
  const text = lines.join('\n');

  it('renders each replica count with its rate, efficiency and CPU per record', () => {
    expect(rowStarting(lines, '| 1 |')).toBe('| 1 | 20,000 | **5,000** | 100% | 200 / 60 / 80 | 1.00 / 0.30 / 0.40 / 0.10 / 0.00 | 90% | 150 MiB |');
    // Other cores: 0.95 × 2 = 1.9 busy, minus (4.4 + 0.5 + 0.5 + 0.1) / 2.5 = 2.2 accounted → 0 (never negative).
    expect(rowStarting(lines, '| 2 |')).toBe('| 2 | 20,000 | **8,000** | 80% | 220 / 25 / 25 | 1.76 / 0.20 / 0.20 / 0.04 / 0.00 | 95% | 150 MiB |');
  });

  it('renders a missing drain as dashes and says why, never NaN', () => {
    expect(rowStarting(lines, '| 3 |')).toBe('| 3 | – | **–** | – | – / – / – | – / – / – / – / – | – | – |');
    expect(text).toContain('Not measured: 3 replica(s): consumer group not stable.');
    expect(rowStarting(lines, '| 100,000 (3,100) |')).toBe('| 100,000 (3,100) | 100,100 | 40 MiB | 1.2 s | **–** | – / – / – | – / – / – / – / – | – | – |');
    expect(text).toContain('Not measured: 100,000 borrowers: drain timed out.');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('renders each ledger size with its table size, rate and PostgreSQL CPU', () => {
    expect(rowStarting(lines, '| 10,000 (3,100) |')).toBe('| 10,000 (3,100) | 10,050 | 4 MiB | 0.3 s | **4,000** | 250 / 50 / 100 | 1.00 / 0.20 / 0.40 / 0.04 / 0.16 | 90% | 7,000 |');
    expect(rowStarting(lines, '| 1,000,000 (3,100) |')).toBe('| 1,000,000 (3,100) | 1,000,150 | 400 MiB | 12.5 s | **2,500** | 300 / 50 / 120 | 0.75 / 0.13 / 0.30 / 0.03 / 0.50 | 85% | 6,900 |');
  });

  it('says how busy the machine was at the most replicas measured, so nobody reads it as a cluster number', () => {
    expect(text).toContain('at 2 replicas the machine was 95% busy (1.90 of 2 cores;');
    expect(text).toContain('this is not a cluster number');
  });

  it('works the sizing example out from the 1-replica row and the largest ledger', () => {
    // 10,000/s × 200 µs = 2.0 cores; / 0.7 = 2.86 → 3 replicas.
    expect(text).toContain('consent-filter, from the 1-replica row (200 µs per record): 2.86 → **3 replicas**');
    // 10,000/s × 300 µs = 3.0 cores; / 0.7 = 4.29 → 5 replicas; PostgreSQL 120 µs → 1.20 cores; broker 50 µs → 0.50 cores.
    expect(text).toContain('1,000,000 borrowers in the ledger (300 µs per record): 4.29 → **5 replicas**');
    expect(text).toContain('**1.20 cores**');
    expect(text).toContain('**0.50 cores**');
  });

  it('gives no sizing example when the drains it needs are missing', () => {
    const without = renderCostCurve({ ...curve, replicas: curve.replicas.map((p) => ({ replicas: p.replicas, error: 'failed' })) }, 2).join('\n');
    expect(without).toContain('No sizing example');
    expect(without).not.toMatch(/NaN/);
  });
});

import { coresFor, replicasFor, scalingEfficiency, slowestStage } from './cost-curve';

describe('scalingEfficiency', () => {
  it('is throughput at N over N times throughput at one', () => {
    // 8,000/s on 2 replicas against 5,000/s on one: 8,000 / (2 × 5,000) = 0.8.
    expect(scalingEfficiency(8_000, 2, 5_000)).toBeCloseTo(0.8, 12);
    // 9,000 / (3 × 5,000) = 0.6.
    expect(scalingEfficiency(9_000, 3, 5_000)).toBeCloseTo(0.6, 12);
    expect(scalingEfficiency(5_000, 1, 5_000)).toBe(1);
  });

  it('is NaN when a figure it needs is missing or meaningless', () => {
    expect(scalingEfficiency(Number.NaN, 2, 5_000)).toBeNaN();
    expect(scalingEfficiency(8_000, 2, Number.NaN)).toBeNaN();
    expect(scalingEfficiency(8_000, 2, 0)).toBeNaN();
    expect(scalingEfficiency(8_000, 0, 5_000)).toBeNaN();
    expect(scalingEfficiency(8_000, 1.5, 5_000)).toBeNaN();
  });
});

describe('slowestStage', () => {
  it('picks the stage with the lowest drain rate, ignoring stages without one', () => {
    const stages = [
      { stage: 'consent-ledger', perSecond: 20_458 },
      { stage: 'consent-filter', perSecond: 5_109 },
      { stage: 'minimiser', perSecond: Number.NaN },
      { stage: 'bureau-formatter', perSecond: 10_615 },
    ];
    expect(slowestStage(stages)?.stage).toBe('consent-filter');
    expect(slowestStage([{ stage: 'minimiser', perSecond: Number.NaN }])).toBeUndefined();
    expect(slowestStage([])).toBeUndefined();
  });
});

describe('sizing arithmetic', () => {
  it('turns records/s and µs per record into cores', () => {
    // 10,000/s × 74 µs = 740,000 µs per second = 0.74 cores.
    expect(coresFor(10_000, 74)).toBeCloseTo(0.74, 12);
    expect(coresFor(10_000, Number.NaN)).toBeNaN();
  });

  it('rounds replicas up at 70% of one core each', () => {
    // 10,000/s × 205 µs = 2.05 cores; / 0.7 = 2.93 → 3.
    expect(replicasFor(10_000, 205)).toBe(3);
    // 21,000/s × 100 µs = 2.1 cores; / 0.7 = exactly 3 (3.0000000000000004 in binary floating point).
    expect(replicasFor(21_000, 100)).toBe(3);
    // 10,000/s × 205 µs = 2.05 cores on 2-core replicas at 50%: 2.05 / 1 = 2.05 → 3.
    expect(replicasFor(10_000, 205, 2, 0.5)).toBe(3);
    // Nothing to do still needs one replica.
    expect(replicasFor(0, 205)).toBe(1);
    expect(replicasFor(10_000, Number.NaN)).toBeNaN();
  });
});

import { Registry } from 'prom-client';
import { ConsentFilterMetrics } from './consent-filter.metrics';

describe('consent decision metrics', () => {
  it('counts a chunk of decisions by bureau, decision and reason', async () => {
    const registry = new Registry();
    const metrics = new ConsentFilterMetrics(registry);
    metrics.decided([
      { bureau: 'pboc-crc', decision: 'RELEASED', reason: null },
      { bureau: 'pboc-crc', decision: 'RELEASED', reason: null },
      { bureau: 'baihang', decision: 'WITHHELD', reason: 'NO_CONSENT' },
      { bureau: 'metro2', decision: 'WITHHELD', reason: 'WITHDRAWN' },
    ]);
    metrics.decided([{ bureau: 'baihang', decision: 'WITHHELD', reason: 'NO_CONSENT' }]);
    const counted = (await registry.getSingleMetric('furnish_consent_decisions_total')!.get()).values.map(({ labels, value }) => [labels, value]);
    expect(counted).toEqual(
      expect.arrayContaining([
        [{ bureau: 'pboc-crc', decision: 'released', reason: 'consented' }, 2],
        [{ bureau: 'baihang', decision: 'withheld', reason: 'no_consent' }, 2],
        [{ bureau: 'metro2', decision: 'withheld', reason: 'withdrawn' }, 1],
      ]),
    );
    expect(counted.filter(([, value]) => value !== 0)).toHaveLength(3);
  });

  it('starts with every bureau × (consented and the four withhold reasons) at zero', async () => {
    const registry = new Registry();
    new ConsentFilterMetrics(registry);
    const series = (await registry.getSingleMetric('furnish_consent_decisions_total')!.get()).values;
    // 3 bureaus × (released/consented + withheld/no_consent, not_yet_effective, expired, withdrawn)
    expect(series).toHaveLength(15);
    expect(series.every(({ value }) => value === 0)).toBe(true);
    expect(series.map(({ labels }) => labels)).toContainEqual({ bureau: 'metro2', decision: 'withheld', reason: 'not_yet_effective' });
  });
});

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

  it('starts with every bureau × (consented and the six withhold reasons) at zero', async () => {
    const registry = new Registry();
    new ConsentFilterMetrics(registry);
    const series = (await registry.getSingleMetric('furnish_consent_decisions_total')!.get()).values;
    // 3 bureaus × (released/consented + withheld/no_consent, not_yet_effective, expired, withdrawn, invalidated, original_not_released)
    expect(series).toHaveLength(21);
    expect(series.every(({ value }) => value === 0)).toBe(true);
    expect(series.map(({ labels }) => labels)).toContainEqual({ bureau: 'metro2', decision: 'withheld', reason: 'not_yet_effective' });
  });

  it('has a zero duplicates series per bureau from start-up, and counts suppressed deliveries per bureau', async () => {
    const registry = new Registry();
    const metrics = new ConsentFilterMetrics(registry);
    const series = async () => (await registry.getSingleMetric('furnish_consent_duplicates_total')!.get()).values.map(({ labels, value }) => [labels.bureau, value]);
    expect(await series()).toEqual(expect.arrayContaining([['pboc-crc', 0], ['baihang', 0], ['metro2', 0]]));
    metrics.duplicates(['pboc-crc', 'baihang', 'metro2', 'pboc-crc']);
    expect(await series()).toEqual(expect.arrayContaining([['pboc-crc', 2], ['baihang', 1], ['metro2', 1]]));
  });

  it('has a zero not-sent series per bureau from start-up, and counts releases a bureau does not receive per bureau', async () => {
    const registry = new Registry();
    const metrics = new ConsentFilterMetrics(registry);
    const series = async () => (await registry.getSingleMetric('furnish_consent_not_sent_total')!.get()).values.map(({ labels, value }) => [labels.bureau, value]);
    expect(await series()).toEqual(expect.arrayContaining([['pboc-crc', 0], ['baihang', 0], ['metro2', 0]]));
    metrics.notSent(['pboc-crc', 'pboc-crc', 'metro2']);
    expect(await series()).toEqual(expect.arrayContaining([['pboc-crc', 2], ['baihang', 0], ['metro2', 1]]));
  });
});

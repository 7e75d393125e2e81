import { getHeapStatistics } from 'node:v8';
import { loadConfig } from '@furnish/shared-util-config';
import { CACHED_BORROWER_BYTES, consentFilterConfigSchema } from './consent-filter.config';

const required = { KAFKA_BROKERS: 'localhost:9092', SCHEMA_REGISTRY_URL: 'http://localhost:8081', DATABASE_URL: 'postgres://u@localhost/db' };

describe('consent-filter configuration', () => {
  it('caches 50,000 borrowers by default, which fits half of a 128 MiB service heap', () => {
    const config = loadConfig(consentFilterConfigSchema, required);
    expect(config.CONSENT_CACHE_MAX_BORROWERS).toBe(50_000);
    expect(50_000 * CACHED_BORROWER_BYTES).toBeLessThan((128 * 1_048_576) / 2);
  });

  it('refuses at start-up a cache that would not fit in half of the heap, naming the variable and the heap flag', () => {
    const tooMany = String(Math.ceil(getHeapStatistics().heap_size_limit / CACHED_BORROWER_BYTES));
    expect(() => loadConfig(consentFilterConfigSchema, { ...required, CONSENT_CACHE_MAX_BORROWERS: tooMany })).toThrow(
      /CONSENT_CACHE_MAX_BORROWERS: \d+ cached borrowers need about \d+ MiB of heap, more than half of this process's \d+ MiB limit; lower it or raise --max-old-space-size/,
    );
  });
});

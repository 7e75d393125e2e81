import fc from 'fast-check';
import { backoffDelay } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

  it('grows exponentially and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(policy, attempt, () => r);
        const ceiling = Math.min(5_000, 100 * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('reaches the cap', () => {
    expect(backoffDelay(policy, 20, () => 1)).toBe(5_000);
  });
});

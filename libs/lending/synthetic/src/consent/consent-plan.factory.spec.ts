import fc from 'fast-check';
import { evaluateConsent, type ConsentFact } from '@furnish/consent-domain';
import { BUREAUS, bureauOfCode, type ConsentEvent } from '@furnish/shared-contracts';
import { SeededRandom } from '../random/seeded-random';
import { CONSENT_PATTERNS, type ConsentPattern } from './consent-pattern';
import { planConsent } from './consent-plan.factory';

const MONTH_START = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;

const factsOf = (events: readonly ConsentEvent[]): ConsentFact[] =>
  events.map((e) => ({ consentId: e.consentId, version: e.version, action: e.action, bureaus: e.bureaus.map(bureauOfCode), effectiveAt: e.effectiveAt, expiresAt: e.expiresAt }));

const anyPlan = fc.record({
  seed: fc.string(),
  pattern: fc.constantFrom(...CONSENT_PATTERNS),
  country: fc.constantFrom('CN' as const, 'US' as const),
  times: fc.uniqueArray(fc.integer({ min: MONTH_START + 1, max: MONTH_START + 30 * DAY }), { minLength: 1, maxLength: 12 }).map((t) => [...t].sort((a, b) => a - b)),
  applicationDaysBefore: fc.integer({ min: 0, max: 900 }),
});

describe('planConsent', () => {
  it('expects, for every event and bureau, exactly what the consent rule decides (consent events published first)', () => {
    fc.assert(
      fc.property(anyPlan, ({ seed, pattern, country, times, applicationDaysBefore }) => {
        const plan = planConsent(SeededRandom.of(seed), {
          pattern,
          country,
          borrowerId: 'B1',
          idStem: 'X1',
          eventTimes: times,
          firstApplication: times[0] - applicationDaysBefore * DAY - 1,
          monthStart: MONTH_START,
        });
        const facts = factsOf(plan.events);
        for (const time of times) {
          const expected = plan.decide(new Date(time));
          for (const bureau of BUREAUS) {
            const actual = evaluateConsent(facts, bureau, new Date(time));
            const decision = expected[bureau];
            expect(decision.released ? { release: true, bureau, consent: decision.consent } : { release: false, bureau, reason: decision.reason }).toEqual(actual);
          }
        }
      }),
    );
  });

  it.each<[ConsentPattern, string]>([
    ['late-grant', 'NOT_YET_EFFECTIVE'],
    ['expiring', 'EXPIRED'],
    ['withdrawn', 'WITHDRAWN'],
    ['narrowed', 'WITHDRAWN'],
  ])('%s: with several events, some are withheld as %s (and, but for a full withdrawal, some released)', (pattern, reason) => {
    const times = [1, 5, 9, 14, 20, 27].map((d) => MONTH_START + d * DAY);
    const plan = planConsent(SeededRandom.of(pattern), { pattern, country: 'CN', borrowerId: 'B1', idStem: 'X1', eventTimes: times, firstApplication: MONTH_START - 90 * DAY, monthStart: MONTH_START });
    const decisions = times.flatMap((t) => Object.values(plan.decide(new Date(t))));
    expect(decisions.some((d) => !d.released && d.reason === reason)).toBe(true);
    if (pattern !== 'withdrawn') expect(decisions.some((d) => d.released)).toBe(true);
  });

  it('lets US borrowers consent to Metro 2 only and Chinese borrowers to PBOC CRC and Baihang only', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...CONSENT_PATTERNS.filter((p) => p !== 'none')), (seed, pattern) => {
        const input = { pattern, borrowerId: 'B1', idStem: 'X1', eventTimes: [MONTH_START + DAY], firstApplication: MONTH_START - DAY, monthStart: MONTH_START };
        const us = planConsent(SeededRandom.of(seed), { ...input, country: 'US' });
        const cn = planConsent(SeededRandom.of(seed), { ...input, country: 'CN' });
        expect(us.events.flatMap((e) => e.bureaus).every((b) => b === 'METRO2')).toBe(true);
        expect(cn.events.flatMap((e) => e.bureaus).every((b) => b !== 'METRO2')).toBe(true);
        for (const event of [...us.events, ...cn.events]) {
          expect(event.borrowerId).toBe('B1');
          if (event.action === 'WITHDRAWN') expect(event.expiresAt).toBeNull();
          if (event.expiresAt) expect(event.expiresAt.getTime()).toBeGreaterThan(event.effectiveAt.getTime());
        }
      }),
    );
  });
});

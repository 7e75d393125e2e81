import fc from 'fast-check';
import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentFact } from './consent-fact';
import { evaluateConsent } from './evaluate-consent';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

const grant = (id: string, from: number, options: { until?: number; bureaus?: Bureau[]; version?: number } = {}): ConsentFact => ({
  consentId: id,
  version: options.version ?? 1,
  action: 'GRANTED',
  bureaus: options.bureaus ?? ['pboc-crc', 'baihang'],
  effectiveAt: day(from),
  expiresAt: options.until === undefined ? null : day(options.until),
});

const withdrawal = (id: string, at: number, bureaus: Bureau[] = ['pboc-crc', 'baihang']): ConsentFact => ({
  consentId: id,
  version: 1,
  action: 'WITHDRAWN',
  bureaus,
  effectiveAt: day(at),
  expiresAt: null,
});

describe('evaluateConsent', () => {
  it.each<[string, ConsentFact[], number, Bureau, string]>([
    ['grant then event', [grant('c1', 1)], 5, 'pboc-crc', 'released by c1'],
    ['event at the grant instant', [grant('c1', 5)], 5, 'pboc-crc', 'released by c1'],
    ['event before grant', [grant('c1', 10)], 5, 'pboc-crc', 'NOT_YET_EFFECTIVE'],
    ['expiry after the event', [grant('c1', 1, { until: 10 })], 5, 'pboc-crc', 'released by c1'],
    ['expiry before the event', [grant('c1', 1, { until: 3 })], 5, 'pboc-crc', 'EXPIRED'],
    ['expiry at the event instant', [grant('c1', 1, { until: 5 })], 5, 'pboc-crc', 'EXPIRED'],
    ['withdrawal before the event', [grant('c1', 1), withdrawal('w1', 3)], 5, 'pboc-crc', 'WITHDRAWN'],
    ['withdrawal after the event, known at release', [grant('c1', 1), withdrawal('w1', 8)], 5, 'pboc-crc', 'WITHDRAWN'],
    ['grant for another bureau only', [grant('c1', 1, { bureaus: ['metro2'] })], 5, 'pboc-crc', 'NO_CONSENT'],
    ['withdrawal for another bureau only', [grant('c1', 1), withdrawal('w1', 3, ['baihang'])], 5, 'pboc-crc', 'released by c1'],
    ['re-grant after withdrawal', [grant('c1', 1), withdrawal('w1', 3), grant('c2', 4)], 5, 'pboc-crc', 'released by c2'],
    ['event between withdrawal and re-grant', [grant('c1', 1), withdrawal('w1', 3), grant('c2', 6)], 5, 'pboc-crc', 'WITHDRAWN'],
    ['overlapping grants: the most recent authorises', [grant('c1', 1, { until: 20 }), grant('c2', 3, { until: 8 })], 5, 'pboc-crc', 'released by c2'],
    ['overlapping grants, one expired', [grant('c1', 1, { until: 20 }), grant('c2', 3, { until: 4 })], 5, 'pboc-crc', 'released by c1'],
    ['unknown borrower', [], 5, 'pboc-crc', 'NO_CONSENT'],
    ['newer version narrows the bureaus', [grant('c1', 1), grant('c1', 3, { version: 2, bureaus: ['baihang'] })], 5, 'pboc-crc', 'WITHDRAWN'],
    ['newer version extends the expiry', [grant('c1', 1, { until: 4 }), grant('c1', 3, { version: 2, until: 30 })], 5, 'pboc-crc', 'released by c1'],
  ])('%s', (_name, facts, at, bureau, expected) => {
    const decision = evaluateConsent(facts, bureau, day(at));
    expect(decision.release ? `released by ${decision.consent.consentId}` : decision.reason).toBe(expected);
  });

  it('names the version that authorised the release', () => {
    const decision = evaluateConsent([grant('c1', 1, { until: 4 }), grant('c1', 3, { version: 2, until: 30 })], 'pboc-crc', day(5));
    expect(decision).toEqual({ release: true, bureau: 'pboc-crc', consent: { consentId: 'c1', version: 2 } });
  });

  const arbitraryFact = fc.record({
    consentId: fc.constantFrom('c1', 'c2', 'c3'),
    version: fc.integer({ min: 1, max: 3 }),
    action: fc.constantFrom('GRANTED' as const, 'WITHDRAWN' as const),
    bureaus: fc.subarray<Bureau>(['pboc-crc', 'baihang', 'metro2'], { minLength: 1 }),
    effectiveAt: fc.integer({ min: 0, max: 30 }).map(day),
    expiresAt: fc.option(fc.integer({ min: 0, max: 40 }).map(day)),
  });
  /** The ledger holds one fact per (consent id, version). */
  const facts = fc.uniqueArray(arbitraryFact, { maxLength: 8, selector: (f) => `${f.consentId}@${f.version}` });
  const arbitraryBureau = fc.constantFrom<Bureau>('pboc-crc', 'baihang', 'metro2');

  it('only ever releases on a grant for the bureau that was in effect at the event time', () => {
    fc.assert(
      fc.property(facts, arbitraryBureau, fc.integer({ min: 0, max: 40 }), (history, bureau, at) => {
        const decision = evaluateConsent(history, bureau, day(at));
        if (!decision.release) return;
        const authorising = history.find((f) => f.consentId === decision.consent.consentId && f.version === decision.consent.version && f.action === 'GRANTED');
        expect(authorising).toBeDefined();
        expect(authorising!.bureaus).toContain(bureau);
        expect(authorising!.effectiveAt.getTime()).toBeLessThanOrEqual(day(at).getTime());
        expect(authorising!.expiresAt === null || authorising!.expiresAt.getTime() > day(at).getTime()).toBe(true);
      }),
    );
  });

  it('never releases once a withdrawal for the bureau after every grant is known', () => {
    fc.assert(
      fc.property(facts, arbitraryBureau, fc.integer({ min: 0, max: 40 }), (history, bureau, at) => {
        const latest = Math.max(0, ...history.map((f) => f.effectiveAt.getTime()));
        const withdrawn = [...history, { ...withdrawal('w', 0, [bureau]), effectiveAt: new Date(latest) }];
        expect(evaluateConsent(withdrawn, bureau, day(at)).release).toBe(false);
      }),
    );
  });

  it('does not depend on the order the facts are listed in', () => {
    fc.assert(
      fc.property(facts, arbitraryBureau, fc.integer({ min: 0, max: 40 }), (history, bureau, at) => {
        expect(evaluateConsent([...history].reverse(), bureau, day(at))).toEqual(evaluateConsent(history, bureau, day(at)));
      }),
    );
  });
});

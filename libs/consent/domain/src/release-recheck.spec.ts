import fc from 'fast-check';
import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentFact } from './consent-fact';
import { evaluateConsent } from './evaluate-consent';
import { recheckAtRelease } from './release-recheck';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const fact = (consentId: string, action: ConsentFact['action'], from: number, bureaus: Bureau[] = ['pboc-crc'], version = 1): ConsentFact => ({
  consentId,
  version,
  action,
  bureaus,
  effectiveAt: day(from),
  expiresAt: null,
});

describe('recheckAtRelease', () => {
  const released = [fact('c1', 'GRANTED', 1)];

  it('releases when nothing changed since the filter released', () => {
    expect(recheckAtRelease(released, 'pboc-crc', day(5))).toEqual({ release: true });
  });

  it('withholds when a withdrawal effective after the event was recorded before release', () => {
    expect(recheckAtRelease([...released, fact('w1', 'WITHDRAWN', 9)], 'pboc-crc', day(5))).toEqual({ release: false, reason: 'WITHDRAWN_BEFORE_RELEASE' });
  });

  it('withholds when a narrowing version of the authorising consent drops the bureau', () => {
    const narrowed = fact('c1', 'GRANTED', 2, ['baihang'], 2);
    expect(recheckAtRelease([fact('c1', 'GRANTED', 1, ['pboc-crc', 'baihang']), narrowed], 'pboc-crc', day(5))).toEqual({
      release: false,
      reason: 'WITHDRAWN_BEFORE_RELEASE',
    });
  });

  it('withholds with its own reason when the authorising consent was found invalid before release', () => {
    expect(recheckAtRelease([...released, fact('c1', 'INVALIDATED', 9, ['pboc-crc'], 2)], 'pboc-crc', day(5))).toEqual({ release: false, reason: 'INVALIDATED_BEFORE_RELEASE' });
  });

  it('is not affected by a withdrawal for another bureau', () => {
    expect(recheckAtRelease([...released, fact('w1', 'WITHDRAWN', 9, ['metro2'])], 'pboc-crc', day(5))).toEqual({ release: true });
  });

  const arbitraryFact = fc.record({
    consentId: fc.constantFrom('c1', 'c2', 'c3'),
    version: fc.integer({ min: 1, max: 3 }),
    action: fc.constantFrom('GRANTED' as const, 'WITHDRAWN' as const),
    bureaus: fc.subarray<Bureau>(['pboc-crc', 'baihang', 'metro2'], { minLength: 1 }),
    effectiveAt: fc.integer({ min: 0, max: 30 }).map(day),
    expiresAt: fc.option(fc.integer({ min: 0, max: 40 }).map(day)),
  });
  const histories = fc.uniqueArray(arbitraryFact, { maxLength: 8, selector: (f) => `${f.consentId}@${f.version}` });
  const bureaus = fc.constantFrom<Bureau>('pboc-crc', 'baihang', 'metro2');

  it('withholds every released record once a withdrawal for its bureau, effective at or after every grant, is known (random histories)', () => {
    fc.assert(
      fc.property(histories, bureaus, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), (history, bureau, at, later) => {
        fc.pre(evaluateConsent(history, bureau, day(at)).release);
        // By the rule: a withdrawal revokes every grant for its bureau that took effect at or before it.
        const latestGrant = Math.max(...history.map((f) => (f.effectiveAt.getTime() - day(0).getTime()) / 86_400_000));
        const withdrawal = fact('w-late', 'WITHDRAWN', latestGrant + later, [bureau]);
        expect(recheckAtRelease([...history, withdrawal], bureau, day(at))).toEqual({ release: false, reason: 'WITHDRAWN_BEFORE_RELEASE' });
      }),
    );
  });

  it('never withholds a released record for a withdrawal of other bureaus only (random histories)', () => {
    fc.assert(
      fc.property(histories, bureaus, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (history, bureau, at, when) => {
        fc.pre(evaluateConsent(history, bureau, day(at)).release);
        const others = (['pboc-crc', 'baihang', 'metro2'] as Bureau[]).filter((b) => b !== bureau);
        expect(recheckAtRelease([...history, fact('w-other', 'WITHDRAWN', when, others)], bureau, day(at))).toEqual({ release: true });
      }),
    );
  });
});

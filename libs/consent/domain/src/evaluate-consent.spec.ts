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

const invalidation = (id: string, at: number, version = 2, bureaus: Bureau[] = ['pboc-crc']): ConsentFact => ({
  consentId: id,
  version,
  action: 'INVALIDATED',
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
    // Ledger order decides: the dates a withdrawal or narrowing carries cannot keep an earlier grant alive.
    ['back-dated withdrawal recorded after the grant', [grant('c1', 5), withdrawal('w1', 1)], 8, 'pboc-crc', 'WITHDRAWN'],
    ['back-dated withdrawal, event before the withdrawal date', [grant('c1', 5), withdrawal('w1', 1)], 0, 'pboc-crc', 'NOT_YET_EFFECTIVE'],
    ['future-dated withdrawal, event long before it', [grant('c1', 1), withdrawal('w1', 300)], 5, 'pboc-crc', 'WITHDRAWN'],
    ['narrowing version dated after the event', [grant('c1', 1), grant('c1', 9, { version: 2, bureaus: ['baihang'] })], 5, 'pboc-crc', 'WITHDRAWN'],
    ['narrowing version keeps the bureaus it names', [grant('c1', 1), grant('c1', 9, { version: 2, bureaus: ['baihang'] })], 5, 'baihang', 'released by c1'],
    ['narrowing version recorded before the older version', [grant('c1', 9, { version: 2, bureaus: ['baihang'] }), grant('c1', 1)], 5, 'pboc-crc', 'WITHDRAWN'],
    ['back-dated re-grant recorded after a withdrawal', [grant('c1', 1), withdrawal('w1', 3), grant('c2', 2)], 5, 'pboc-crc', 'WITHDRAWN'],
    ['re-grant recorded after a back-dated withdrawal', [grant('c1', 5), withdrawal('w1', 1), grant('c2', 6)], 8, 'pboc-crc', 'released by c2'],
    // An invalidation: the consent was never valid — for events before and after it, every bureau, every version.
    ['invalidated after the event', [grant('c1', 1), invalidation('c1', 20)], 5, 'pboc-crc', 'INVALIDATED'],
    ['invalidated, event after the invalidation', [grant('c1', 1), invalidation('c1', 3)], 5, 'pboc-crc', 'INVALIDATED'],
    ['invalidation naming one bureau covers every bureau of the consent', [grant('c1', 1), invalidation('c1', 20, 2, ['pboc-crc'])], 5, 'baihang', 'INVALIDATED'],
    ['invalidation removes every version', [grant('c1', 1), grant('c1', 2, { version: 2 }), invalidation('c1', 20, 3)], 5, 'pboc-crc', 'INVALIDATED'],
    ['invalidation recorded before the grant it invalidates', [invalidation('c1', 20), grant('c1', 1)], 5, 'pboc-crc', 'INVALIDATED'],
    ['another valid consent still authorises', [grant('c1', 1), grant('c2', 2), invalidation('c1', 20)], 5, 'pboc-crc', 'released by c2'],
    ['invalidated consent never covered the bureau: the other reason stands', [grant('c1', 1, { bureaus: ['metro2'] }), invalidation('c1', 20)], 5, 'pboc-crc', 'NO_CONSENT'],
    ['invalidation of one consent, a withdrawal of the other', [grant('c1', 1), grant('c2', 2), withdrawal('w1', 3), invalidation('c1', 20)], 5, 'pboc-crc', 'INVALIDATED'],
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

  /**
   * A tiny independent model of revocation, written as a replay of the ledger: walk the facts in
   * ledger order keeping the live grants for the bureau; a withdrawal clears them all, a newer
   * version without the bureau clears its older versions (and stops older versions arriving later).
   * Then drop what a withdrawal dated at or after a grant's effective time revokes, and ask which
   * live grants were in force at the event time.
   */
  function modelReleases(history: readonly ConsentFact[], bureau: Bureau, at: Date): boolean {
    let live: ConsentFact[] = [];
    const narrowedBelow = new Map<string, number>();
    for (const fact of history) {
      if (fact.action === 'WITHDRAWN' && fact.bureaus.includes(bureau)) live = [];
      if (fact.action === 'GRANTED' && !fact.bureaus.includes(bureau)) {
        narrowedBelow.set(fact.consentId, Math.max(narrowedBelow.get(fact.consentId) ?? 0, fact.version));
        live = live.filter((g) => !(g.consentId === fact.consentId && g.version < fact.version));
      }
      if (fact.action === 'GRANTED' && fact.bureaus.includes(bureau) && fact.version >= (narrowedBelow.get(fact.consentId) ?? 0)) live.push(fact);
    }
    const withdrawalDates = history.filter((f) => f.action === 'WITHDRAWN' && f.bureaus.includes(bureau)).map((f) => f.effectiveAt.getTime());
    return live
      .filter((g) => !withdrawalDates.some((w) => w >= g.effectiveAt.getTime()))
      .some((g) => {
        const newer = history.filter((f) => f.consentId === g.consentId && f.version > g.version);
        return (
          g.effectiveAt <= at &&
          (g.expiresAt === null || g.expiresAt > at) &&
          newer.every((f) => f.effectiveAt > at)
        );
      });
  }

  it('releases exactly when the replay model of the ledger does, over random histories', () => {
    fc.assert(
      fc.property(facts, arbitraryBureau, fc.integer({ min: 0, max: 40 }), (history, bureau, at) => {
        expect(evaluateConsent(history, bureau, day(at)).release).toBe(modelReleases(history, bureau, day(at)));
      }),
      { numRuns: 2000 },
    );
  });

  it('never releases on a grant recorded before a withdrawal for the bureau, whatever dates the withdrawal carries', () => {
    fc.assert(
      fc.property(facts, facts, arbitraryBureau, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 40 }), (before, after, bureau, withdrawnAt, at) => {
        const w = { ...withdrawal('w-ledger-order', withdrawnAt, [bureau]) };
        const later = after.map((f) => ({ ...f, consentId: `later-${f.consentId}` }));
        const decision = evaluateConsent([...before, w, ...later], bureau, day(at));
        if (decision.release) expect(decision.consent.consentId.startsWith('later-')).toBe(true);
      }),
    );
  });

  it('never releases on a version older than a recorded version that drops the bureau, whatever dates either carries', () => {
    fc.assert(
      fc.property(facts, arbitraryBureau, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 40 }), (history, bureau, narrowedAt, at) => {
        const others = (['pboc-crc', 'baihang', 'metro2'] as const).filter((b) => b !== bureau);
        const narrowing = { ...grant('c1', narrowedAt, { version: 4, bureaus: [...others] }) };
        const decision = evaluateConsent([...history, narrowing], bureau, day(at));
        if (decision.release) expect(decision.consent.consentId).not.toBe('c1');
      }),
    );
  });
});

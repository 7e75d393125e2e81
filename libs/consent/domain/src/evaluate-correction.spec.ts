import type { ConsentFact } from './consent-fact';
import { evaluateCorrection, recheckCorrectionAtRelease } from './evaluate-correction';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const fact = (consentId: string, action: ConsentFact['action'], at: number, version = 1): ConsentFact => ({
  consentId,
  version,
  action,
  bureaus: ['pboc-crc', 'baihang'],
  effectiveAt: day(at),
  expiresAt: null,
});

describe('evaluateCorrection (docs/consent.md, "Corrections and retractions")', () => {
  const original = { consentId: 'c1', version: 1 };

  it('releases a correction under the consent that authorised the original', () => {
    expect(evaluateCorrection([fact('c1', 'GRANTED', 1)], 'pboc-crc', original)).toEqual({ release: true, bureau: 'pboc-crc', consent: original });
  });

  it('withholds it where the original was not released (ORIGINAL_NOT_RELEASED), whatever consent there is now', () => {
    expect(evaluateCorrection([fact('c1', 'GRANTED', 1)], 'baihang', undefined)).toEqual({ release: false, bureau: 'baihang', reason: 'ORIGINAL_NOT_RELEASED' });
  });

  it('still releases it after the consent was withdrawn: the bureau holds the original', () => {
    const facts = [fact('c1', 'GRANTED', 1), fact('c1', 'WITHDRAWN', 10, 2)];
    expect(evaluateCorrection(facts, 'pboc-crc', original)).toMatchObject({ release: true });
    expect(recheckCorrectionAtRelease(facts, 'c1')).toEqual({ release: true });
  });

  it('withholds it once that consent was found invalid (its records are deleted), not for another consent’s invalidation', () => {
    const facts = [fact('c1', 'GRANTED', 1), fact('c2', 'GRANTED', 1), fact('c1', 'INVALIDATED', 10, 2)];
    expect(evaluateCorrection(facts, 'pboc-crc', original)).toEqual({ release: false, bureau: 'pboc-crc', reason: 'INVALIDATED' });
    expect(recheckCorrectionAtRelease(facts, 'c1')).toEqual({ release: false, reason: 'INVALIDATED_BEFORE_RELEASE' });
    expect(evaluateCorrection(facts, 'pboc-crc', { consentId: 'c2', version: 1 })).toMatchObject({ release: true });
  });
});

import { aConsentEvent } from '@furnish/shared-contracts/testing';
import { validateConsentEvent } from './consent-ledger.stage';

describe('validateConsentEvent', () => {
  const valid = aConsentEvent();
  const check = (overrides: Partial<typeof valid>, key = overrides.borrowerId ?? valid.borrowerId) => validateConsentEvent({ key, value: { ...valid, ...overrides } });

  it('accepts the contract example', () => {
    expect(check({})).toBeUndefined();
  });

  it.each([
    ['consentId', 128],
    ['borrowerId', 128],
    ['channel', 64],
    ['evidenceRef', 512],
  ] as const)('refuses a %s longer than %i characters, naming the field and never its value', (field, max) => {
    expect(check({ [field]: 'x'.repeat(max) })).toBeUndefined();
    const problem = check({ [field]: 'x'.repeat(max + 1) });
    expect(problem).toBe(`${field} must be at most ${max} characters, it has ${max + 1}`);
  });

  it('refuses a key that is not the borrowerId', () => {
    expect(check({}, 'B000000099')).toBe('record key must be the borrowerId (per-borrower ordering depends on it)');
  });

  it('accepts an invalidation (consent-event v2) and refuses one with an expiry', () => {
    expect(check({ action: 'INVALIDATED', version: 2, expiresAt: null })).toBeUndefined();
    expect(check({ action: 'INVALIDATED', version: 2, expiresAt: new Date(valid.effectiveAt.getTime() + 86_400_000) })).toBe('an invalidation must not have expiresAt');
  });
});

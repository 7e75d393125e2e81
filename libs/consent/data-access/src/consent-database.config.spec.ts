import { ConfigError } from '@furnish/shared-util-config';
import { DEVELOPMENT_PSEUDONYM_KEY, pseudonymKeyOf } from './consent-database.config';

describe('pseudonymKeyOf', () => {
  it.each([undefined, 'production', 'LOCAL', ''])('refuses the development key when FURNISH_ENV is %p, naming the variable', (mode) => {
    let error: unknown;
    try {
      pseudonymKeyOf({ CONSENT_PSEUDONYM_KEY: DEVELOPMENT_PSEUDONYM_KEY, FURNISH_ENV: mode });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('CONSENT_PSEUDONYM_KEY');
    expect((error as Error).message).toContain('FURNISH_ENV=local');
  });

  it('accepts the development key in local mode, and any other key anywhere', () => {
    expect(pseudonymKeyOf({ CONSENT_PSEUDONYM_KEY: DEVELOPMENT_PSEUDONYM_KEY, FURNISH_ENV: 'local' })).toBe(DEVELOPMENT_PSEUDONYM_KEY);
    expect(pseudonymKeyOf({ CONSENT_PSEUDONYM_KEY: 'a-real-secret-of-32-characters!!' })).toBe('a-real-secret-of-32-characters!!');
  });
});

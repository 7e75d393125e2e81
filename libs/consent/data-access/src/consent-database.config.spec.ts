import { z } from 'zod';
import { ConfigError, loadConfig } from '@furnish/shared-util-config';
import { CONSENT_DATABASE_ENV, DEVELOPMENT_PSEUDONYM_KEY, pseudonymKeyOf } from './consent-database.config';

describe('CONSENT_DB_MIGRATIONS', () => {
  const schema = z.object(CONSENT_DATABASE_ENV);

  it('defaults to migrating at start-up and accepts verify', () => {
    expect(loadConfig(schema, {}).CONSENT_DB_MIGRATIONS).toBe('on-start');
    expect(loadConfig(schema, { CONSENT_DB_MIGRATIONS: 'verify' }).CONSENT_DB_MIGRATIONS).toBe('verify');
  });

  it('names the variable and the valid values when it is anything else', () => {
    expect(() => loadConfig(schema, { CONSENT_DB_MIGRATIONS: 'never' })).toThrow('CONSENT_DB_MIGRATIONS: must be one of on-start, verify');
  });
});

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

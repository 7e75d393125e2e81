import { bureauFormatterConfigSchema } from './bureau-formatter.config';

describe('bureau-formatter configuration', () => {
  it('starts without the pseudonym key and does not keep one it is given: it reads consent facts by reference only', () => {
    const config = bureauFormatterConfigSchema.parse({ CONSENT_PSEUDONYM_KEY: 'a-secret-of-at-least-16-chars' });
    expect(config).not.toHaveProperty('CONSENT_PSEUDONYM_KEY');
    expect(config.HTTP_PORT).toBe(9104);
  });
});

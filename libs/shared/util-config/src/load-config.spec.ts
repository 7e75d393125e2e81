import { z } from 'zod';
import { ConfigError, env, loadConfig } from './index';

const schema = z.object({
  KAFKA_BROKERS: env.brokers('localhost:9092'),
  SCHEMA_REGISTRY_URL: env.url('http://localhost:8081', ['http:', 'https:']),
  HTTP_PORT: env.port(9100),
  LOG_LEVEL: env.oneOf(['debug', 'info', 'warn', 'error'] as const, 'info'),
});

describe('loadConfig', () => {
  it('applies defaults when variables are unset', () => {
    expect(loadConfig(schema, {})).toEqual({
      KAFKA_BROKERS: ['localhost:9092'],
      SCHEMA_REGISTRY_URL: 'http://localhost:8081',
      HTTP_PORT: 9100,
      LOG_LEVEL: 'info',
    });
  });

  it('parses broker lists and numbers', () => {
    const config = loadConfig(schema, { KAFKA_BROKERS: 'a:1, b:2', HTTP_PORT: '8080' });
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.HTTP_PORT).toBe(8080);
  });

  it.each([
    ['KAFKA_BROKERS', 'kafka-without-port', 'host:port'],
    ['SCHEMA_REGISTRY_URL', 'ftp://registry', 'http: or https:'],
    ['HTTP_PORT', '70000', 'between 1 and 65535'],
    ['HTTP_PORT', 'eighty', 'integer'],
    ['LOG_LEVEL', 'loud', 'one of debug, info, warn, error'],
  ])('names %s when it is invalid (%s)', (variable, value, hint) => {
    let error: unknown;
    try {
      loadConfig(schema, { [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(variable);
    expect((error as ConfigError).message).toContain(hint);
  });

  it('never echoes the rejected value, which may be a credential', () => {
    expect(() => loadConfig(schema, { SCHEMA_REGISTRY_URL: 'secret-token-123' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-token-123') }),
    );
  });
});

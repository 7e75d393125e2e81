import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@furnish/shared-util-config';
import { connectionSecurityFromEnv, resolveConnectionSecurity } from './connection-security';
import type { ConnectionSettingsInput } from './connection-settings';

const dir = mkdtempSync(path.join(tmpdir(), 'connection-security-spec-'));
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const caFile = file('ca.crt', CA);
const passwordFile = file('password', 's3cret-password\n');
const tokenFile = file('token', 'tok-123\n');
const emptyFile = file('empty', '\n');
const notACert = file('not-a-cert.pem', 'hello');

function problemsOf(settings: ConnectionSettingsInput): string[] {
  try {
    resolveConnectionSecurity(settings);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const SECURED_KAFKA = { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'furnish', KAFKA_SASL_PASSWORD_FILE: passwordFile } as const;

describe('resolveConnectionSecurity: Kafka', () => {
  it('adds nothing when nothing is configured (plaintext, as the local stack)', () => {
    expect(resolveConnectionSecurity({})).toEqual({ kafka: {}, registry: {} });
  });

  it('builds kafkajs ssl with the CA and SCRAM credentials read from the file, trimmed', () => {
    expect(resolveConnectionSecurity(SECURED_KAFKA).kafka).toEqual({
      ssl: { ca: [CA] },
      sasl: { mechanism: 'scram-sha-512', username: 'furnish', password: 's3cret-password' },
    });
  });

  it('uses the system CAs when KAFKA_SSL is true without a CA file', () => {
    expect(resolveConnectionSecurity({ KAFKA_SSL: 'true' }).kafka).toEqual({ ssl: true });
  });

  it('refuses SASL without TLS outside local mode, but allows it in local mode', () => {
    const plaintextSasl = { ...SECURED_KAFKA, KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: undefined } as const;
    expect(problemsOf(plaintextSasl)).toEqual([expect.stringMatching(/^KAFKA_SSL: must be true when SASL is configured outside local mode/)]);
    expect(problemsOf({ ...plaintextSasl, FURNISH_ENV: 'local' })).toEqual([]);
  });

  it('names each missing or unusable part, without the secret', () => {
    const problems = problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: path.join(dir, 'missing.crt'), KAFKA_SASL_USERNAME: 'furnish', KAFKA_SASL_PASSWORD_FILE: emptyFile });
    expect(problems).toEqual([
      `KAFKA_SSL_CA_FILE: cannot read the file ${path.join(dir, 'missing.crt')} (ENOENT)`,
      expect.stringMatching(/^KAFKA_SASL_MECHANISM: is required/),
      `KAFKA_SASL_PASSWORD_FILE: the file ${emptyFile} is empty`,
    ]);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: notACert })).toEqual([`KAFKA_SSL_CA_FILE: the file ${notACert} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`]);
    expect(problemsOf({ KAFKA_SSL_CA_FILE: caFile })).toEqual(['KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is not true']);
    expect(JSON.stringify(problemsOf({ ...SECURED_KAFKA, KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: undefined }))).not.toContain('s3cret');
  });
});

describe('resolveConnectionSecurity: schema registry', () => {
  const URL = 'https://registry.example:8443/apis/ccompat/v7';

  it('sends basic auth from the username and password file, and trusts the CA', () => {
    expect(resolveConnectionSecurity({ SCHEMA_REGISTRY_URL: URL, SCHEMA_REGISTRY_USERNAME: 'furnish', SCHEMA_REGISTRY_PASSWORD_FILE: passwordFile, SCHEMA_REGISTRY_CA_FILE: caFile }).registry).toEqual({
      authorization: `Basic ${Buffer.from('furnish:s3cret-password').toString('base64')}`,
      ca: CA,
    });
  });

  it('sends a bearer token from the token file', () => {
    expect(resolveConnectionSecurity({ SCHEMA_REGISTRY_URL: URL, SCHEMA_REGISTRY_TOKEN_FILE: tokenFile }).registry).toEqual({ authorization: 'Bearer tok-123' });
  });

  it.each([
    [{ SCHEMA_REGISTRY_URL: URL, SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD_FILE: passwordFile, SCHEMA_REGISTRY_TOKEN_FILE: tokenFile }, 'SCHEMA_REGISTRY_TOKEN_FILE: and SCHEMA_REGISTRY_PASSWORD_FILE are exclusive'],
    [{ SCHEMA_REGISTRY_URL: URL, SCHEMA_REGISTRY_USERNAME: 'u' }, 'SCHEMA_REGISTRY_PASSWORD_FILE: is required with SCHEMA_REGISTRY_USERNAME'],
    [{ SCHEMA_REGISTRY_URL: 'http://registry:8081', SCHEMA_REGISTRY_TOKEN_FILE: tokenFile }, 'SCHEMA_REGISTRY_URL: must be https://'],
    [{ SCHEMA_REGISTRY_URL: 'http://registry:8081', SCHEMA_REGISTRY_CA_FILE: caFile }, 'SCHEMA_REGISTRY_CA_FILE: is set but SCHEMA_REGISTRY_URL is not https://'],
  ])('refuses %j', (settings, problem) => {
    expect(problemsOf(settings)).toEqual([expect.stringContaining(problem)]);
  });
});

describe('resolveConnectionSecurity: PostgreSQL', () => {
  const base = 'postgres://furnish:pw@db.example:5432/furnish';

  it('verify-full: verifies chain and host name against the CA file, and strips sslmode from the URL', () => {
    const postgres = resolveConnectionSecurity({ DATABASE_URL: `${base}?sslmode=verify-full&application_name=x`, DATABASE_SSL_CA_FILE: caFile }).postgres;
    expect(postgres).toEqual({ url: `${base}?application_name=x`, ssl: { ca: CA, rejectUnauthorized: true } });
  });

  it('verify-ca: verifies the chain but not the host name; require: encrypts without verifying; none: plaintext', () => {
    const verifyCa = resolveConnectionSecurity({ DATABASE_URL: `${base}?sslmode=verify-ca`, DATABASE_SSL_CA_FILE: caFile }).postgres!.ssl as { rejectUnauthorized: boolean; checkServerIdentity: () => unknown };
    expect(verifyCa.rejectUnauthorized).toBe(true);
    expect(verifyCa.checkServerIdentity()).toBeUndefined();
    expect(resolveConnectionSecurity({ DATABASE_URL: `${base}?sslmode=require` }).postgres!.ssl).toEqual({ rejectUnauthorized: false });
    expect(resolveConnectionSecurity({ DATABASE_URL: base }).postgres).toEqual({ url: base, ssl: false });
  });

  it.each([
    [{ DATABASE_URL: `${base}?sslmode=prefer` }, 'DATABASE_URL: sslmode must be one of disable, require, verify-ca, verify-full'],
    [{ DATABASE_URL: `${base}?sslmode=verify-full&sslrootcert=/x.crt` }, 'DATABASE_URL: parameter sslrootcert is not supported'],
    [{ DATABASE_URL: base, DATABASE_SSL_CA_FILE: caFile }, 'DATABASE_SSL_CA_FILE: is set but DATABASE_URL has no sslmode=verify-full'],
  ])('refuses %j', (settings, problem) => {
    expect(problemsOf(settings)).toEqual([expect.stringContaining(problem)]);
  });
});

describe('connectionSecurityFromEnv (tools)', () => {
  it('validates the variables like a service and applies them to the given URLs', () => {
    expect(() => connectionSecurityFromEnv({ KAFKA_SSL: 'yes' })).toThrow('KAFKA_SSL: must be true or false');
    const security = connectionSecurityFromEnv({ KAFKA_SSL: 'true', DATABASE_SSL_CA_FILE: caFile }, { DATABASE_URL: 'postgres://db.example/furnish?sslmode=verify-full' });
    expect(security.kafka).toEqual({ ssl: true });
    expect(security.postgres).toEqual({ url: 'postgres://db.example/furnish', ssl: { ca: CA, rejectUnauthorized: true } });
  });
});

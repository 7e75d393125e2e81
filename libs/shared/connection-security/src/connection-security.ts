import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { z } from 'zod';
import { ConfigError, loadConfig } from '@furnish/shared-util-config';
import { CONNECTION_SECURITY_ENV } from './connection-security.config';
import type { ConnectionSettingsInput } from './connection-settings';
import { ProblemList } from './secret-files';

/** kafkajs `ssl` and `sasl` options: spread them into `new Kafka({...})`. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** What the schema registry client needs: an Authorization header and the CA to trust over https. */
export interface RegistrySecurity {
  readonly authorization?: string;
  readonly ca?: string;
}

/** node-postgres `ssl` options (a subset of TLS options that typeorm's and pg's types both accept). */
export interface PostgresTls {
  readonly ca?: string;
  readonly rejectUnauthorized: boolean;
  readonly checkServerIdentity?: () => undefined;
}

/** A PostgreSQL connection: the URL without TLS parameters, and node-postgres `ssl` options built from them. */
export interface PostgresConnection {
  readonly url: string;
  readonly ssl: false | PostgresTls;
}

export interface ConnectionSecurity {
  readonly kafka: KafkaSecurity;
  readonly registry: RegistrySecurity;
  /** Present when DATABASE_URL was given. */
  readonly postgres?: PostgresConnection;
}

const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
/** libpq's TLS parameters; node-postgres would read (and override our options with) them, so they are removed. */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'sslpassword', 'uselibpqcompat'];

/**
 * Builds every client's TLS and authentication options from the environment, reading the mounted
 * secret files once, at start-up. Every problem is reported at once, each naming its variable; in
 * a real deployment (FURNISH_ENV is not `local`) credentials over plaintext are refused.
 */
export function resolveConnectionSecurity(settings: ConnectionSettingsInput): ConnectionSecurity {
  const problems = new ProblemList();
  const production = settings.FURNISH_ENV !== 'local';
  const kafka = kafkaSecurity(settings, problems, production);
  const registry = registrySecurity(settings, problems, production);
  const postgres = settings.DATABASE_URL === undefined ? undefined : postgresConnection(settings.DATABASE_URL, settings, problems);
  if (problems.problems.length > 0) throw new ConfigError(problems.problems);
  return { kafka, registry, ...(postgres ? { postgres } : {}) };
}

function kafkaSecurity(settings: ConnectionSettingsInput, problems: ProblemList, production: boolean): KafkaSecurity {
  const ssl = settings.KAFKA_SSL === 'true';
  const ca = problems.readCertificates('KAFKA_SSL_CA_FILE', settings.KAFKA_SSL_CA_FILE);
  if (settings.KAFKA_SSL_CA_FILE !== undefined && !ssl) problems.add('KAFKA_SSL_CA_FILE', 'is set but KAFKA_SSL is not true');
  const mechanism = settings.KAFKA_SASL_MECHANISM;
  const anySasl = mechanism ?? settings.KAFKA_SASL_USERNAME ?? settings.KAFKA_SASL_PASSWORD_FILE;
  let sasl: SASLOptions | undefined;
  if (anySasl !== undefined) {
    if (mechanism === undefined) problems.add('KAFKA_SASL_MECHANISM', `is required with KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD_FILE (${KAFKA_MECHANISM_LIST})`);
    if (settings.KAFKA_SASL_USERNAME === undefined) problems.add('KAFKA_SASL_USERNAME', 'is required when SASL is configured');
    if (settings.KAFKA_SASL_PASSWORD_FILE === undefined) problems.add('KAFKA_SASL_PASSWORD_FILE', 'is required when SASL is configured');
    const password = problems.readSecret('KAFKA_SASL_PASSWORD_FILE', settings.KAFKA_SASL_PASSWORD_FILE);
    if (!ssl && production) problems.add('KAFKA_SSL', 'must be true when SASL is configured outside local mode (the password would cross the network in clear text)');
    if (mechanism && settings.KAFKA_SASL_USERNAME && password !== undefined) sasl = { mechanism, username: settings.KAFKA_SASL_USERNAME, password };
  }
  return {
    ...(ssl ? { ssl: ca ? { ca: [ca] } : true } : {}),
    ...(sasl ? { sasl } : {}),
  };
}

const KAFKA_MECHANISM_LIST = 'scram-sha-512, scram-sha-256 or plain';

function registrySecurity(settings: ConnectionSettingsInput, problems: ProblemList, production: boolean): RegistrySecurity {
  const https = settings.SCHEMA_REGISTRY_URL === undefined || settings.SCHEMA_REGISTRY_URL.startsWith('https:');
  const { SCHEMA_REGISTRY_USERNAME: username, SCHEMA_REGISTRY_PASSWORD_FILE: passwordFile, SCHEMA_REGISTRY_TOKEN_FILE: tokenFile } = settings;
  if (passwordFile !== undefined && tokenFile !== undefined) {
    problems.add('SCHEMA_REGISTRY_TOKEN_FILE', 'and SCHEMA_REGISTRY_PASSWORD_FILE are exclusive: basic auth or a bearer token, not both');
  }
  if (username !== undefined && passwordFile === undefined) problems.add('SCHEMA_REGISTRY_PASSWORD_FILE', 'is required with SCHEMA_REGISTRY_USERNAME');
  if (passwordFile !== undefined && username === undefined) problems.add('SCHEMA_REGISTRY_USERNAME', 'is required with SCHEMA_REGISTRY_PASSWORD_FILE');
  const password = problems.readSecret('SCHEMA_REGISTRY_PASSWORD_FILE', passwordFile);
  const token = problems.readSecret('SCHEMA_REGISTRY_TOKEN_FILE', tokenFile);
  if ((passwordFile ?? tokenFile) !== undefined && !https && production) {
    problems.add('SCHEMA_REGISTRY_URL', 'must be https:// when registry credentials are configured outside local mode');
  }
  const ca = problems.readCertificates('SCHEMA_REGISTRY_CA_FILE', settings.SCHEMA_REGISTRY_CA_FILE);
  if (settings.SCHEMA_REGISTRY_CA_FILE !== undefined && !https) problems.add('SCHEMA_REGISTRY_CA_FILE', 'is set but SCHEMA_REGISTRY_URL is not https://');
  const authorization =
    username !== undefined && password !== undefined
      ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
      : token !== undefined
        ? `Bearer ${token}`
        : undefined;
  return { ...(authorization ? { authorization } : {}), ...(ca ? { ca } : {}) };
}

function postgresConnection(databaseUrl: string, settings: ConnectionSettingsInput, problems: ProblemList): PostgresConnection | undefined {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    problems.add('DATABASE_URL', 'must be a postgres:// URL');
    return undefined;
  }
  const mode = url.searchParams.get('sslmode') ?? 'disable';
  for (const parameter of TLS_PARAMETERS) {
    if (parameter !== 'sslmode' && url.searchParams.has(parameter)) {
      problems.add('DATABASE_URL', `parameter ${parameter} is not supported; give the CA with DATABASE_SSL_CA_FILE`);
    }
    url.searchParams.delete(parameter);
  }
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    problems.add('DATABASE_URL', `sslmode must be one of ${SSL_MODES.join(', ')}`);
    return undefined;
  }
  const ca = problems.readCertificates('DATABASE_SSL_CA_FILE', settings.DATABASE_SSL_CA_FILE);
  if (settings.DATABASE_SSL_CA_FILE !== undefined && !mode.startsWith('verify-')) {
    problems.add('DATABASE_SSL_CA_FILE', 'is set but DATABASE_URL has no sslmode=verify-full (or verify-ca)');
  }
  const trust = ca ? { ca } : {};
  const ssl: false | PostgresTls =
    mode === 'disable'
      ? false
      : mode === 'require'
        ? { rejectUnauthorized: false }
        : mode === 'verify-ca'
          ? { ...trust, rejectUnauthorized: true, checkServerIdentity: () => undefined }
          : { ...trust, rejectUnauthorized: true };
  return { url: url.toString(), ssl };
}

/**
 * For command-line tools: the security variables from the environment (validated like a service's)
 * applied to the given URLs. Throws ConfigError naming each variable that is wrong.
 */
export function connectionSecurityFromEnv(environment: NodeJS.ProcessEnv, urls: Pick<ConnectionSettingsInput, 'SCHEMA_REGISTRY_URL' | 'DATABASE_URL'> = {}): ConnectionSecurity {
  return resolveConnectionSecurity({ ...loadConfig(z.object(CONNECTION_SECURITY_ENV), environment), ...urls });
}

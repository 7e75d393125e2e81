import { z } from 'zod';
import { topicSettingsFromEnv, type TopicSettings } from '@furnish/shared-provisioning';
import { StackConfigError } from './errors';

export const DEFAULT_KAFKA_VERSION = '3.9.1';
export const DEFAULT_APICURIO_VERSION = '3.3.3';
export const CCOMPAT_PATH = '/apis/ccompat/v7';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface StackConfig {
  readonly kafka: {
    readonly brokers: readonly string[];
    /** Null when KAFKA_BROKERS points at a broker this tool does not run. */
    readonly local: HostPort | null;
    readonly version: string;
  };
  readonly registry: {
    readonly url: string;
    readonly local: HostPort | null;
    readonly version: string;
  };
  readonly postgres: {
    readonly appUrl: string;
    readonly registryUrl: string;
  };
  /** The local Prometheus that scrapes the services and evaluates deploy/prometheus/rules. */
  readonly prometheus: {
    readonly port: number;
  };
  /** Replication, min.insync.replicas, retention and partition overrides (TOPIC_* variables, as for the provisioner). */
  readonly topics: TopicSettings;
}

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port');
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user@host:port/database' });

const envSchema = z.object({
  KAFKA_BROKERS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .default('localhost:9092')
      .transform((list) => list.split(',').map((broker) => broker.trim()))
      .pipe(z.array(hostPort).min(1)),
  ),
  SCHEMA_REGISTRY_URL: z.preprocess(
    blankAsUnset,
    z.url({ protocol: /^https?$/ }).default(`http://localhost:8081${CCOMPAT_PATH}`),
  ),
  DATABASE_URL: z.preprocess(blankAsUnset, postgresUrl.default('postgres://postgres@127.0.0.1:5432/furnish')),
  FURNISH_REGISTRY_DATABASE_URL: z.preprocess(blankAsUnset, postgresUrl.optional()),
  FURNISH_KAFKA_VERSION: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^[34]\.\d+\.\d+$/, 'expected a Kafka 3.x or 4.x version such as 3.9.1')
      .default(DEFAULT_KAFKA_VERSION),
  ),
  PROMETHEUS_PORT: z.preprocess(blankAsUnset, z.coerce.number().int('expected a port number').min(1024).max(65535).default(9090)),
  FURNISH_APICURIO_VERSION: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^3\.\d+\.\d+$/, 'expected an Apicurio Registry 3.x version such as 3.3.3')
      .default(DEFAULT_APICURIO_VERSION),
  ),
});

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StackConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'invalid');
  }
  const vars = parsed.data;
  const registryUrl = vars.SCHEMA_REGISTRY_URL.replace(/\/+$/, '');
  return {
    kafka: {
      brokers: vars.KAFKA_BROKERS,
      local: localKafka(vars.KAFKA_BROKERS),
      version: vars.FURNISH_KAFKA_VERSION,
    },
    registry: {
      url: registryUrl,
      local: localRegistry(registryUrl),
      version: vars.FURNISH_APICURIO_VERSION,
    },
    postgres: {
      appUrl: vars.DATABASE_URL,
      registryUrl: vars.FURNISH_REGISTRY_DATABASE_URL ?? withDatabase(vars.DATABASE_URL, `${databaseName(vars.DATABASE_URL)}_registry`),
    },
    prometheus: { port: vars.PROMETHEUS_PORT },
    topics: topicSettingsFromEnv(env),
  };
}

function localKafka(brokers: readonly string[]): HostPort | null {
  const [only, ...others] = brokers;
  if (!only || others.length > 0) return null;
  const separator = only.lastIndexOf(':');
  const host = only.slice(0, separator);
  return LOOPBACK_HOSTS.has(host) ? { host, port: Number(only.slice(separator + 1)) } : null;
}

function localRegistry(registryUrl: string): HostPort | null {
  const url = new URL(registryUrl);
  if (!LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.protocol !== 'http:' || url.pathname !== CCOMPAT_PATH) {
    throw new StackConfigError(
      'SCHEMA_REGISTRY_URL',
      `the local registry (Apicurio) serves the Confluent API at http://${url.host}${CCOMPAT_PATH}; ` +
        `point the variable at a non-local registry to use another one`,
    );
  }
  return { host: url.hostname, port: Number(url.port || 80) };
}

const databaseName = (databaseUrl: string): string => new URL(databaseUrl).pathname.slice(1);

function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

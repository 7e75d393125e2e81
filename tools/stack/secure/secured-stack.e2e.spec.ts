import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { SchemaCatalog, TOPICS, TOPIC_SPECS } from '@furnish/shared-contracts';
import { aConsentEvent } from '@furnish/shared-contracts/testing';
import { resolveConnectionSecurity } from '@furnish/shared-connection-security';
import { WORKSPACE_ROOT } from '../stack-paths';
import { waitUntil } from '../wait-until';
import { startRegistryTlsProxy, type RegistryTlsProxy } from './registry-tls-proxy';
import { startSecuredKafka, stopChild, type SecuredKafka } from './secured-kafka';
import { startSecuredPostgres, type SecuredPostgres } from './secured-postgres';
import { generateTestCertificates, type TestCertificates } from './test-certificates';

/**
 * Issue 12, point 4, end to end: a broker listener with SASL_SSL (SCRAM-SHA-512), the registry behind
 * TLS and basic auth (a proxy: Apicurio has no basic auth without an OIDC server), PostgreSQL with
 * ssl=on and only hostssl logins. The provisioner and the consent ledger connect with nothing but
 * the documented variables; wrong passwords and an untrusted CA are refused with clear errors.
 * Needs the local stack's Kafka jars and registry (npm run stack:up); about a minute.
 */
const STACK_KAFKA_PORT = Number((process.env['KAFKA_BROKERS'] ?? 'localhost:9092').split(',')[0]!.split(':')[1]);
const KAFKA_PORT = STACK_KAFKA_PORT + 3; // +4 inter-broker, +5 controller
const POSTGRES_PORT = STACK_KAFKA_PORT + 6;
const LEDGER_PORT = Number(process.env['FURNISH_SERVICE_PORT_BASE'] ?? 9100) + 11;
const REGISTRY_URL = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://localhost:8081/apis/ccompat/v7';

const secret = () => randomBytes(12).toString('hex');
const KAFKA_USER = { name: 'furnish', password: secret() };
const REGISTRY_USER = { username: 'furnish', password: secret() };
const DATABASE_PASSWORD = secret();
const PSEUDONYM_KEY = secret();

let dir: string;
let certificates: TestCertificates;
let kafka: SecuredKafka | undefined;
let postgres: SecuredPostgres | undefined;
let registry: RegistryTlsProxy | undefined;
let ledger: ChildProcess | undefined;
const secretFile = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  return file;
};

/** The variables a Kubernetes Pod would get: files for every secret, nothing secret in the environment. */
function securedEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    FURNISH_ENV: 'secured-test',
    KAFKA_BROKERS: kafka!.brokers,
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: certificates.caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: KAFKA_USER.name,
    KAFKA_SASL_PASSWORD_FILE: path.join(dir, 'kafka-password'),
    SCHEMA_REGISTRY_URL: registry!.url,
    SCHEMA_REGISTRY_USERNAME: REGISTRY_USER.username,
    SCHEMA_REGISTRY_PASSWORD_FILE: path.join(dir, 'registry-password'),
    SCHEMA_REGISTRY_CA_FILE: certificates.caFile,
    DATABASE_URL: postgres!.urlFor('furnish'),
    DATABASE_SSL_CA_FILE: certificates.caFile,
    CONSENT_PSEUDONYM_KEY: PSEUDONYM_KEY,
    CONSENT_DB_MIGRATIONS: 'verify',
    DLQ_KEK_FILE: path.join(dir, 'dlq-keys'),
  };
  return { ...environment, ...overrides };
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function provisioner(environment: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['tools/run.js', 'apps/provisioner/src/main.ts', ...args], { cwd: WORKSPACE_ROOT, env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(WORKSPACE_ROOT, '.stack', 'secured-test-'));
  chmodSync(dir, 0o755); // the PostgreSQL server runs as its own user
  certificates = generateTestCertificates(dir);
  secretFile('kafka-password', KAFKA_USER.password);
  secretFile('registry-password', REGISTRY_USER.password);
  secretFile('wrong-password', 'not-the-password');
  // The dead-letter key ring a Secret would mount (outside local mode a stage refuses to start without one).
  secretFile('dlq-keys', `secured-test-1:${randomBytes(32).toString('base64')}`);
  postgres = startSecuredPostgres({ dir: path.join(dir, 'postgres'), port: POSTGRES_PORT, certificates, password: DATABASE_PASSWORD });
  const admin = new Client({ connectionString: postgres.urlFor('postgres').replace('?sslmode=verify-full', ''), ssl: { ca: readFileSync(certificates.caFile, 'utf8') } });
  await admin.connect();
  await admin.query('CREATE DATABASE furnish');
  await admin.end();
  registry = await startRegistryTlsProxy(REGISTRY_URL, certificates, REGISTRY_USER);
  kafka = await startSecuredKafka({ dir: path.join(dir, 'kafka'), port: KAFKA_PORT, certificates, user: KAFKA_USER });
}, 180_000);

afterAll(async () => {
  // Each step on its own, so one failure leaves no broker or database running.
  const steps = [async () => ledger && stopChild(ledger), async () => kafka?.stop(), async () => postgres?.stop(), async () => registry?.close()];
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error: unknown) => failures.push(error));
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (failures.length > 0) throw failures[0];
});

const ledgerLog = () => path.join(dir, 'consent-ledger.log');

async function startLedger(overrides: Record<string, string> = {}): Promise<void> {
  const log = openSync(ledgerLog(), 'a');
  ledger = spawn(process.execPath, ['tools/run.js', 'apps/consent-ledger/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: securedEnvironment({ HTTP_PORT: String(LEDGER_PORT), KAFKA_CONSUMER_GROUP: LEDGER_GROUP, ...overrides }),
    detached: true,
    stdio: ['ignore', log, log],
  });
}

/** Polls /health/ready until `until` accepts its status; returns the last status (0: no answer yet). */
async function ledgerReadiness(timeoutMs: number, until: (status: number, body: string) => boolean): Promise<number> {
  let status = 0;
  let body = '';
  await waitUntil(
    async () => {
      const response = await fetch(`http://127.0.0.1:${LEDGER_PORT}/health/ready`).catch(() => undefined);
      status = response?.status ?? 0;
      body = response ? await response.text() : '';
      return until(status, body);
    },
    {
      timeoutMs,
      intervalMs: 500,
      abortWith: () => (ledger!.exitCode === null ? null : new Error(`consent-ledger exited with ${ledger!.exitCode}: ${readFileSync(ledgerLog(), 'utf8').slice(-2000)}`)),
    },
  );
  return status;
}

const LEDGER_GROUP = `furnish.consent-ledger.secured-${secret()}`;

describe('secured connections end to end', () => {
  it('the provisioner creates topics over SASL_SSL, registers schemas over TLS with basic auth and migrates over verify-full TLS', async () => {
    const run = await provisioner(securedEnvironment(), 'all');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`[topics] 0 unchanged, ${TOPIC_SPECS.length} changed`);
    expect(run.stdout).toMatch(/\[schemas\] \d+ subjects registered \(BACKWARD\)/);
    expect(run.stdout).toContain('migrations applied');
  });

  it('the consent ledger starts against it, reports ready and consumes', async () => {
    await startLedger();
    expect(await ledgerReadiness(90_000, (status) => status === 200)).toBe(200);

    const security = resolveConnectionSecurity(securedEnvironment());
    const registryClient = new SchemaRegistryClient({ url: registry!.url, ...security.registry });
    const serde = new AvroSerde(registryClient, SchemaCatalog.load());
    const producer = new Kafka({ brokers: [kafka!.brokers], ...security.kafka, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const event = aConsentEvent({ consentId: `CNS-SECURED-${secret()}`, borrowerId: `B-SECURED-${secret()}` });
    await producer.send({ topic: TOPICS.consentEvents, messages: [{ key: event.borrowerId, value: await serde.encode(TOPICS.consentEvents, event) }] });
    await producer.disconnect();
    registryClient.close();

    const database = new Client({ connectionString: postgres!.urlFor('furnish').replace('?sslmode=verify-full', ''), ssl: { ca: readFileSync(certificates.caFile, 'utf8') } });
    await database.connect();
    try {
      const recorded = await waitUntil(
        async () => (await database.query<{ n: string }>('SELECT count(*) AS n FROM consent_event WHERE consent_id = $1', [event.consentId])).rows[0]!.n === '1',
        { timeoutMs: 60_000 },
      );
      expect(recorded).toBe(true);
    } finally {
      await database.end();
    }
  });

  it('a ledger started while PostgreSQL refuses connections stays up, is not ready with the reason, and becomes ready when it returns (issue 10)', async () => {
    await stopChild(ledger!);
    postgres!.stop();
    try {
      await startLedger();
      let reasons = '';
      await ledgerReadiness(60_000, (status, body) => {
        reasons = body;
        return status === 503 && /cannot connect/.test(body);
      });
      expect(reasons).toMatch(/database: cannot connect \(ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\); retrying/);
      expect(ledger!.exitCode).toBeNull();
    } finally {
      postgres!.start();
    }
    expect(await ledgerReadiness(60_000, (status) => status === 200)).toBe(200);
  });

  it('a ledger with a wrong Kafka password and an untrusted database CA stays not-ready, naming both refusals', async () => {
    await stopChild(ledger!);
    const logStart = readFileSync(ledgerLog(), 'utf8').length;
    await startLedger({ KAFKA_SASL_PASSWORD_FILE: path.join(dir, 'wrong-password'), DATABASE_SSL_CA_FILE: certificates.otherCaFile });
    let reasons = '';
    await ledgerReadiness(60_000, (status, body) => {
      reasons = body;
      return status === 503 && body.includes('cannot start consuming') && body.includes('database: cannot connect');
    });
    expect(reasons).toContain('cannot start consuming (KAFKA_UNAUTHORIZED)');
    expect(reasons).toMatch(/database: cannot connect \([^)]*unable to verify the first certificate\); retrying/);
    expect(readFileSync(ledgerLog(), 'utf8').slice(logStart)).toContain('SASL SCRAM SHA512 authentication failed');
    await stopChild(ledger!);
  });

  const UNTRUSTED = /unable to verify the first certificate/;
  it.each([
    ['topics', { KAFKA_SASL_PASSWORD_FILE: 'wrong-password' }, /SASL SCRAM SHA512 authentication failed/],
    ['topics', { KAFKA_SSL_CA_FILE: 'other-ca' }, UNTRUSTED],
    ['schemas', { SCHEMA_REGISTRY_PASSWORD_FILE: 'wrong-password' }, /RegistryUnauthorizedError: schema registry rejected \w+ \S+ \(401\)/],
    ['schemas', { SCHEMA_REGISTRY_CA_FILE: 'other-ca' }, /schema registry at https:\/\/localhost:\d+\/apis\/ccompat\/v7 is unreachable \(\w+ \S+\): unable to verify the first certificate/],
    ['migrate', { DATABASE_URL: 'wrong-password' }, /password authentication failed for user "postgres"/],
    ['migrate', { DATABASE_SSL_CA_FILE: 'other-ca' }, UNTRUSTED],
  ])('%s refuses %j with a clear error', async (command, change, message) => {
    const [variable, kind] = Object.entries(change)[0]!;
    const value = kind === 'other-ca' ? certificates.otherCaFile : variable === 'DATABASE_URL' ? postgres!.urlFor('furnish', 'not-the-password') : path.join(dir, 'wrong-password');
    const run = await provisioner(securedEnvironment({ [variable]: value }), command);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(KAFKA_USER.password);
    expect(run.stderr).not.toContain(REGISTRY_USER.password);
  });
});

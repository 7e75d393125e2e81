import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { runCommand } from '../command.runner';
import { kafkaHomeFor } from '../kafka';
import { kafkaLogging } from '../kafka.logging';
import { renderServerProperties } from '../kafka.properties';
import { javaExecutable } from '../java-runtime';
import { DEFAULT_KAFKA_VERSION } from '../stack-config';
import { stackPaths } from '../stack-paths';
import { waitUntil } from '../wait-until';
import type { TestCertificates } from './test-certificates';

export interface ScramUser {
  readonly name: string;
  readonly password: string;
}

export interface SecuredKafkaSettings {
  readonly dir: string;
  /** SASL_SSL on this port; plaintext inter-broker on +1 and the controller on +2, both loopback only. */
  readonly port: number;
  readonly certificates: TestCertificates;
  readonly user: ScramUser;
}

export interface SecuredKafka {
  readonly brokers: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/**
 * A second single-node broker whose client listener is SASL_SSL with SCRAM-SHA-512 (user created at
 * format time with `--add-scram`) and a PEM keystore, from the stack's Kafka jars (stack:up fetched them).
 */
export async function startSecuredKafka(settings: SecuredKafkaSettings): Promise<SecuredKafka> {
  const { dir, port, certificates, user } = settings;
  const version = DEFAULT_KAFKA_VERSION;
  const install = kafkaHomeFor(stackPaths(), version);
  const logging = kafkaLogging(version);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const loggingFile = path.join(dir, logging.configFileName);
  writeFileSync(loggingFile, logging.configFileText);
  const base = renderServerProperties({ advertisedHost: 'localhost', port, controllerPort: port + 2, dataDir: path.join(dir, 'data') });
  // java.util.Properties keeps the last value of a repeated key: these override the plaintext listener.
  const secured = {
    listeners: `SASL_SSL://127.0.0.1:${port},INTERNAL://127.0.0.1:${port + 1},CONTROLLER://127.0.0.1:${port + 2}`,
    'advertised.listeners': `SASL_SSL://localhost:${port},INTERNAL://127.0.0.1:${port + 1}`,
    'listener.security.protocol.map': 'SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'INTERNAL',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': certificates.keystoreFile,
  };
  const serverProperties = path.join(dir, 'server.properties');
  writeFileSync(serverProperties, `${base}${Object.entries(secured).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  const jvm = ['-Xmx384m', '-Xms128m', '-Djava.awt.headless=true', logging.jvmFlag(loggingFile), '-cp', `${install.libs}/*`];
  let clusterId: string;
  do clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  await runCommand(
    javaExecutable(),
    [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', serverProperties, '--add-scram', `SCRAM-SHA-512=[name=${user.name},password=${user.password}]`],
    { cwd: dir, purpose: 'formatting the secured broker' },
  );
  const logFile = path.join(dir, 'kafka.log');
  const log = openSync(logFile, 'a');
  const child = spawn(javaExecutable(), [...jvm, 'kafka.Kafka', serverProperties], { cwd: dir, detached: true, stdio: ['ignore', log, log] });
  const brokers = `localhost:${port}`;
  const client: KafkaConfig = {
    brokers: [brokers],
    ssl: { ca: [readFileSync(certificates.caFile, 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username: user.name, password: user.password },
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 0 },
  };
  const ready = await waitUntil(() => describes(client), {
    timeoutMs: 120_000,
    intervalMs: 1_000,
    abortWith: () => (child.exitCode === null ? null : new Error(`the secured broker exited with ${child.exitCode}; see ${logFile}`)),
  });
  if (!ready) {
    await stopChild(child);
    throw new Error(`the secured broker did not answer on ${brokers} within 120 s; see ${logFile}`);
  }
  return { brokers, logFile, stop: () => stopChild(child) };
}

async function describes(config: KafkaConfig): Promise<boolean> {
  const admin = new Kafka(config).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** SIGTERM to the process group, SIGKILL after 20 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  // A child ended by a signal has a signalCode and no exitCode; its 'exit' has already been emitted.
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

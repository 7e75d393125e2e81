import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command.runner';
import { isKafkaReady } from './kafka.admin';
import { ensureClusterId } from './kafka.cluster-id';
import { kafkaInstall, type KafkaInstall } from './kafka.fetch';
import { kafkaLogging } from './kafka.logging';
import { renderServerProperties } from './kafka.properties';
import { javaExecutable } from './java-runtime';
import type { SupervisedProcess } from './process-supervisor';
import type { HostPort } from './stack-config';
import type { StackPaths } from './stack-paths';

export const KAFKA_PROCESS_NAME = 'kafka';
// Generous: after a crash the broker recovers unflushed segments first, slowly on a loaded machine.
const READY_TIMEOUT_MS = 180_000;
const HEAP_FLAGS = ['-Xmx512m', '-Xms256m'];

export function kafkaHomeFor(paths: StackPaths, version: string): KafkaInstall {
  return kafkaInstall(paths.kafkaHome(version), version);
}

/** The broker as a supervised process; `prepare` writes its config and formats storage once. */
export function kafkaProcess(local: HostPort, version: string, paths: StackPaths): SupervisedProcess {
  const install = kafkaHomeFor(paths, version);
  const configDir = path.join(install.home, 'config');
  const serverProperties = path.join(configDir, 'server.properties');
  const logging = kafkaLogging(version);
  const loggingFile = path.join(configDir, logging.configFileName);
  const jvm = [...HEAP_FLAGS, '-Djava.awt.headless=true', logging.jvmFlag(loggingFile), '-cp', `${install.libs}/*`];
  const brokers = [`${local.host}:${local.port}`];

  const prepare = async () => {
    mkdirSync(configDir, { recursive: true });
    mkdirSync(paths.kafkaData, { recursive: true });
    writeFileSync(loggingFile, logging.configFileText);
    writeFileSync(
      serverProperties,
      renderServerProperties({
        advertisedHost: local.host,
        port: local.port,
        controllerPort: local.port + 1,
        dataDir: paths.kafkaData,
      }),
    );
    if (existsSync(path.join(paths.kafkaData, 'meta.properties'))) return;
    const clusterId = ensureClusterId(paths.kafkaClusterId);
    await runCommand(
      javaExecutable(),
      [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', serverProperties, '--ignore-formatted'],
      { cwd: install.home, purpose: 'formatting Kafka storage' },
    );
  };

  return {
    name: KAFKA_PROCESS_NAME,
    what: `Kafka ${version} broker`,
    command: javaExecutable(),
    args: [...jvm, 'kafka.Kafka', serverProperties],
    cwd: install.home,
    marker: serverProperties,
    host: local.host,
    port: local.port,
    isReady: () => isKafkaReady(brokers),
    readyTimeoutMs: READY_TIMEOUT_MS,
    prepare,
  };
}

import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { StackConfig } from '../stack';
import { CCOMPAT_PATH, stackDir, stackPaths } from '../stack';
import { WORKSPACE_ROOT } from '../stack/stack-paths';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly kafka: string;
  readonly registry: string;
  readonly postgres: string;
  readonly libraries: string;
}

export async function machineInfo(config: StackConfig): Promise<MachineInfo> {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${osRelease()} (${os.type()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    kafka: config.kafka.local ? `Apache Kafka ${config.kafka.version}, single broker (KRaft), local, ${kafkaHeap(config)}` : `external (${config.kafka.brokers.join(',')})`,
    registry: await registryVersion(config),
    postgres: await postgresVersion(config.postgres.appUrl),
    libraries: ['kafkajs', 'avsc', 'pg', 'typeorm', '@nestjs/core'].map((name) => `${name} ${packageVersion(name)}`).join(', '),
  };
}

function osRelease(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function kafkaHeap(config: StackConfig): string {
  const pidFile = stackPaths(stackDir()).pidFile('kafka');
  if (!existsSync(pidFile)) return `version ${config.kafka.version} as configured`;
  const command = (JSON.parse(readFileSync(pidFile, 'utf8')) as { command?: string }).command ?? '';
  return command.match(/-Xmx\S+/)?.[0] ?? 'default heap';
}

async function registryVersion(config: StackConfig): Promise<string> {
  const base = config.registry.url.endsWith(CCOMPAT_PATH) ? config.registry.url.slice(0, -CCOMPAT_PATH.length) : config.registry.url;
  try {
    const response = await fetch(`${base}/apis/registry/v3/system/info`, { signal: AbortSignal.timeout(3_000) });
    const info = (await response.json()) as { name?: string; version?: string };
    return `${info.name ?? 'Apicurio Registry'} ${info.version ?? '?'} (Confluent API ${config.registry.url})`;
  } catch {
    return `Confluent-compatible registry at ${config.registry.url}`;
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return rows[0]?.version.replace(/ on .*$/, '') ?? 'unknown';
  } catch {
    return 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

import { parseArgs } from 'node:util';

export const PROVISIONER_COMMANDS = ['topics', 'schemas', 'migrate', 'all'] as const;
export type ProvisionerCommand = (typeof PROVISIONER_COMMANDS)[number];

export const PROVISIONER_USAGE = `usage: provisioner <topics|schemas|migrate|all> [options]
  topics    create or update every topic (partitions, replication, min.insync.replicas, retention,
            message.timestamp.type); grows partitions, refuses to shrink
  schemas   register every schema under <topic>-value with BACKWARD compatibility
  migrate   apply the consent ledger's pending database migrations
  all       topics, schemas, migrate in that order
options (topics; each overrides the environment variable in brackets):
  --replication-factor N    [TOPIC_REPLICATION_FACTOR, default 1]
  --min-insync-replicas N   [TOPIC_MIN_INSYNC_REPLICAS, default 1]
  --retention-ms MS         [TOPIC_RETENTION_MS, default 604800000 = 7 days]
  --dlq-retention-ms MS     [TOPIC_DLQ_RETENTION_MS, default 2592000000 = 30 days]
  --partitions TOPIC=N      [TOPIC_PARTITIONS, comma-separated] repeatable; only grows a topic`;

export class UsageError extends Error {}

export interface ProvisionerArgs {
  readonly command: ProvisionerCommand;
  /** The flags as the environment variables they override, so one validation covers both. */
  readonly environment: Readonly<Record<string, string>>;
}

const FLAG_VARIABLES = {
  'replication-factor': 'TOPIC_REPLICATION_FACTOR',
  'min-insync-replicas': 'TOPIC_MIN_INSYNC_REPLICAS',
  'retention-ms': 'TOPIC_RETENTION_MS',
  'dlq-retention-ms': 'TOPIC_DLQ_RETENTION_MS',
} as const;

export function parseProvisionerArgs(argv: readonly string[]): ProvisionerArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'replication-factor': { type: 'string' },
        'min-insync-replicas': { type: 'string' },
        'retention-ms': { type: 'string' },
        'dlq-retention-ms': { type: 'string' },
        partitions: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [command, ...extra] = parsed.positionals;
  if (!command || !(PROVISIONER_COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(command ? `unknown command ${command}` : 'a command is required');
  }
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const environment: Record<string, string> = {};
  for (const [flag, variable] of Object.entries(FLAG_VARIABLES)) {
    const value = parsed.values[flag as keyof typeof FLAG_VARIABLES];
    if (value !== undefined) environment[variable] = value;
  }
  if (parsed.values.partitions) environment['TOPIC_PARTITIONS'] = parsed.values.partitions.join(',');
  return { command: command as ProvisionerCommand, environment };
}

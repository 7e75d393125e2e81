import 'reflect-metadata';
import { migrateConsentDatabaseAt } from '@furnish/consent-data-access';
import { resolveConnectionSecurity, type ConnectionSecurity } from '@furnish/shared-connection-security';
import { provisionAllTopics, registerAllSchemas, topicSettingsFromEnv } from '@furnish/shared-provisioning';
import { ConfigError, loadConfig } from '@furnish/shared-util-config';
import { parseProvisionerArgs, PROVISIONER_USAGE, UsageError, type ProvisionerCommand } from './provisioner.args';
import { provisionerConfigSchema, type ProvisionerConfig } from './provisioner.config';

type Step = (config: ProvisionerConfig, security: ConnectionSecurity, environment: NodeJS.ProcessEnv) => Promise<string[]>;

const STEPS: Record<Exclude<ProvisionerCommand, 'all'>, Step> = {
  topics: async (config, security, environment) => {
    const report = await provisionAllTopics({ brokers: config.KAFKA_BROKERS, ...security.kafka }, topicSettingsFromEnv(environment));
    return [...report.changes, `${report.plan.unchanged.length} unchanged, ${report.changes.length} changed`];
  },
  schemas: async (config, security) => {
    const registered = await registerAllSchemas({ url: config.SCHEMA_REGISTRY_URL, ...security.registry });
    return [...registered.map((r) => `${r.subject} id ${r.id}`), `${registered.length} subjects registered (BACKWARD)`];
  },
  migrate: async (_config, security) => {
    const applied = await migrateConsentDatabaseAt({ ...security.postgres!, applicationName: 'furnish-provisioner' });
    return [...applied.map((name) => `applied ${name}`), applied.length === 0 ? 'no pending migrations' : `${applied.length} migrations applied`];
  },
};

/** Topics before schemas (nothing may be produced yet), schemas and migrations before any service starts. */
const ORDER = ['topics', 'schemas', 'migrate'] as const;

async function main(argv: readonly string[]): Promise<number> {
  let command: ProvisionerCommand;
  let environment: NodeJS.ProcessEnv;
  let config: ProvisionerConfig;
  let security: ConnectionSecurity;
  try {
    const args = parseProvisionerArgs(argv);
    command = args.command;
    environment = { ...process.env, ...args.environment };
    config = loadConfig(provisionerConfigSchema, environment);
    security = resolveConnectionSecurity(config);
    if (command === 'topics' || command === 'all') topicSettingsFromEnv(environment);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`provisioner: ${error.message}\n${PROVISIONER_USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`provisioner: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  for (const step of command === 'all' ? ORDER : [command]) {
    const started = Date.now();
    try {
      for (const line of await STEPS[step](config, security, environment)) process.stdout.write(`[${step}] ${line}\n`);
      process.stdout.write(`[${step}] done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    } catch (error) {
      process.stderr.write(`provisioner ${step} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}

void main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`provisioner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

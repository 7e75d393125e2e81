import { migrateConsentDatabaseAt } from '@furnish/consent-data-access';
import { provisionAllTopics, registerAllSchemas } from '@furnish/shared-provisioning';
import { StackConfigError } from './errors';
import { fetchMarker } from './fetch-marker';
import { withFileLock } from './file-lock';
import { isKafkaReady } from './kafka.admin';
import { warmUpCoordinators } from './kafka.coordinators';
import { fetchKafka } from './kafka.fetch';
import { KAFKA_PROCESS_NAME, kafkaHomeFor, kafkaProcess } from './kafka';
import { isPortOpen } from './port-probe';
import { ensureDatabases } from './postgres';
import { ensureRunning } from './process-supervisor';
import { isPrometheusInstalled, PROMETHEUS_PROCESS_NAME, prometheusProcess } from './prometheus';
import { fetchApicurio } from './registry.fetch';
import { isRegistryReady, REGISTRY_PROCESS_NAME, registryJava, registryProcess } from './registry';
import { startServices } from './services';
import type { StackConfig } from './stack-config';
import { relativeToWorkspace, type StackPaths } from './stack-paths';
import { describeOutcome, externalStatus, statusFromOutcome, type ComponentStatus } from './stack-status';
import { bindDatabaseToCluster } from './database-binding';
import { waitUntil } from './wait-until';

export interface StackContext {
  readonly config: StackConfig;
  readonly paths: StackPaths;
  /** Steps that run something append it here; stack:up prints it as the final table. */
  readonly components: ComponentStatus[];
  readonly log: (line: string) => void;
}

export interface StackStep {
  readonly name: string;
  /** Does the step's work idempotently and returns a one-line summary of what it did. */
  readonly run: (context: StackContext) => Promise<string>;
}

const EXTERNAL_READY_TIMEOUT_MS = 15_000;

export const postgresStep: StackStep = {
  name: 'postgres',
  run: async ({ config }) => {
    const targets = [{ variable: 'DATABASE_URL', url: config.postgres.appUrl }];
    if (config.registry.local) {
      targets.push({ variable: 'FURNISH_REGISTRY_DATABASE_URL', url: config.postgres.registryUrl });
    }
    return `databases ${(await ensureDatabases(targets)).join(', ')}`;
  },
};

export const kafkaFetchStep: StackStep = {
  name: 'kafka:fetch',
  run: async ({ config, paths }) => {
    const { local, version } = config.kafka;
    if (!local) return 'skipped (external broker)';
    const install = kafkaHomeFor(paths, version);
    if (!fetchMarker.isComplete(install.libs) && (await isPortOpen(local.host, local.port))) {
      return `skipped (${local.host}:${local.port} already answers)`;
    }
    const result = await withFileLock(paths.lockFile('kafka-fetch'), () => fetchKafka(install));
    return `Kafka ${version} ${result} in ${relativeToWorkspace(install.libs)}`;
  },
};

export const kafkaStartStep: StackStep = {
  name: 'kafka:start',
  run: async ({ config, paths, components }) => {
    const address = config.kafka.brokers.join(',');
    if (!config.kafka.local) {
      await requireExternal('KAFKA_BROKERS', address, () => isKafkaReady(config.kafka.brokers));
      components.push(externalStatus('kafka', address));
      return `using external broker ${address}`;
    }
    const outcome = await ensureRunning(kafkaProcess(config.kafka.local, config.kafka.version, paths), paths);
    components.push(statusFromOutcome('kafka', address, outcome, paths.logFile(KAFKA_PROCESS_NAME)));
    return describeOutcome(outcome, address);
  },
};

export const registryFetchStep: StackStep = {
  name: 'registry:fetch',
  run: async ({ config, paths }) => {
    const { local, version } = config.registry;
    if (!local) return 'skipped (external registry)';
    const home = paths.apicurioHome(version);
    if (!fetchMarker.isComplete(home) && (await isPortOpen(local.host, local.port))) {
      return `skipped (${local.host}:${local.port} already answers)`;
    }
    const result = await withFileLock(paths.lockFile('registry-fetch'), () => fetchApicurio(home, version));
    return `Apicurio Registry ${version} ${result} in ${relativeToWorkspace(home)}`;
  },
};

export const registryStartStep: StackStep = {
  name: 'registry:start',
  run: async ({ config, paths, components }) => {
    const { url, local, version } = config.registry;
    if (!local) {
      await requireExternal('SCHEMA_REGISTRY_URL', url, () => isRegistryReady(url));
      components.push(externalStatus('schema registry', url));
      return `using external registry ${url}`;
    }
    const java = registryJava(paths.apicurioHome(version), version);
    const settings = { local, version, url, databaseUrl: config.postgres.registryUrl, java };
    const outcome = await ensureRunning(registryProcess(settings, paths), paths);
    components.push(statusFromOutcome('schema registry', url, outcome, paths.logFile(REGISTRY_PROCESS_NAME)));
    const jvm = outcome.kind === 'started' ? ` with Java ${java.major} (${java.home})` : '';
    return `${describeOutcome(outcome, url)}${jvm}`;
  },
};

/** The provisioner's `topics` command (apps/provisioner), so the local topics are made as in production. */
export const topicsStep: StackStep = {
  name: 'topics',
  run: async ({ config, log }) => {
    const report = await provisionAllTopics({ brokers: [...config.kafka.brokers] }, config.topics);
    for (const change of report.changes) log(`  ${change}`);
    const { plan } = report;
    return (
      `${plan.create.length + plan.addPartitions.length + plan.alterConfig.length + plan.unchanged.length} declared: ` +
      `${plan.create.length} created, ${plan.addPartitions.length} expanded, ${plan.alterConfig.length} reconfigured, ${plan.unchanged.length} unchanged`
    );
  },
};

export const coordinatorsStep: StackStep = {
  name: 'kafka:warm-up',
  run: async ({ config }) => {
    await warmUpCoordinators(config.kafka.brokers);
    return 'group and transaction coordinators answer';
  },
};

export const servicesStep: StackStep = {
  name: 'services',
  run: async ({ config, paths, components, log }) => {
    const statuses = await startServices(config, paths, log);
    components.push(...statuses);
    const running = statuses.filter((status) => status.pid !== null).length;
    return `${running} of ${statuses.length} services running`;
  },
};

/** A local Prometheus scraping the services with the deployed rules; skipped when it is not installed. */
export const prometheusStep: StackStep = {
  name: 'prometheus',
  run: async ({ config, paths, components }) => {
    if (!isPrometheusInstalled()) return 'skipped (not installed: sh tools/prometheus/install-prometheus.sh)';
    const url = `http://127.0.0.1:${config.prometheus.port}`;
    const outcome = await ensureRunning(prometheusProcess(config.prometheus.port, paths), paths);
    components.push(statusFromOutcome('prometheus', url, outcome, paths.logFile(PROMETHEUS_PROCESS_NAME)));
    return describeOutcome(outcome, url);
  },
};

/** stack:up runs these in order. Schema registration belongs between `topics` and `services`. */
export const databaseBindingStep: StackStep = {
  name: 'database:bind',
  run: ({ config }) => bindDatabaseToCluster(config.postgres.appUrl, config.kafka.brokers, config.kafka.local !== null),
};

/** The provisioner's `schemas` command. */
export const schemasStep: StackStep = {
  name: 'schemas',
  run: async ({ config }) => {
    const registered = await registerAllSchemas({ url: config.registry.url });
    return `${registered.length} subjects registered (BACKWARD): ${registered.map((r) => `${r.subject}=${r.id} (${r.versions} versions)`).join(', ')}`;
  },
};

/** The provisioner's `migrate` command: the ledger's tables exist before any service starts, as in production. */
export const migrationsStep: StackStep = {
  name: 'migrations',
  run: async ({ config }) => {
    const applied = await migrateConsentDatabaseAt({ url: config.postgres.appUrl, applicationName: 'furnish-stack' });
    return applied.length === 0 ? 'no pending migrations' : `applied ${applied.join(', ')}`;
  },
};

export const STACK_STEPS: readonly StackStep[] = [
  postgresStep,
  kafkaFetchStep,
  kafkaStartStep,
  registryFetchStep,
  registryStartStep,
  topicsStep,
  coordinatorsStep,
  databaseBindingStep,
  schemasStep,
  migrationsStep,
  servicesStep,
  prometheusStep,
];

async function requireExternal(variable: string, address: string, isReady: () => Promise<boolean>): Promise<void> {
  if (await waitUntil(isReady, { timeoutMs: EXTERNAL_READY_TIMEOUT_MS })) return;
  throw new StackConfigError(
    variable,
    `nothing usable answers at ${address} (a local one is started only for localhost or 127.0.0.1 addresses)`,
  );
}

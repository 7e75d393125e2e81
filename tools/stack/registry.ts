import { existsSync } from 'node:fs';
import path from 'node:path';
import { jarClassJavaVersion } from './jar-class-version';
import { selectJava, type JavaRuntime } from './java-runtime';
import type { SupervisedProcess } from './process-supervisor';
import type { HostPort } from './stack-config';
import type { StackPaths } from './stack-paths';

export const REGISTRY_PROCESS_NAME = 'registry';
/** Quarkus always opens a management interface (health, metrics); 8081 → 9081, off the default 9000. */
export const registryManagementPort = (httpPort: number) => httpPort + 1000;
const READY_TIMEOUT_MS = 300_000;

export interface RegistrySettings {
  readonly local: HostPort;
  readonly version: string;
  /** The Confluent-compatible base URL, e.g. http://localhost:8081/apis/ccompat/v7. */
  readonly url: string;
  /** postgres://user[:password]@host:port/database of the registry's own database. */
  readonly databaseUrl: string;
  readonly java: JavaRuntime;
}

const BASELINE_JAVA = 17;

/**
 * Apicurio 3.3 is compiled for Java 21 while 3.0 ran on 17, so the JVM is chosen from the class
 * files actually downloaded; FURNISH_REGISTRY_JAVA_HOME overrides the choice.
 */
export function registryJava(home: string, version: string, env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const appJar = path.join(home, 'app', `apicurio-registry-app-${version}.jar`);
  const needed = existsSync(appJar) ? jarClassJavaVersion(appJar, 'io/apicurio/registry/') : null;
  return selectJava(needed ?? BASELINE_JAVA, 'FURNISH_REGISTRY_JAVA_HOME', env);
}

export function registryProcess(settings: RegistrySettings, paths: StackPaths): SupervisedProcess {
  const home = paths.apicurioHome(settings.version);
  const jar = path.join(home, 'quarkus-run.jar');
  return {
    name: REGISTRY_PROCESS_NAME,
    what: `Apicurio Registry ${settings.version} (Java ${settings.java.major})`,
    command: settings.java.executable,
    args: ['-Xmx384m', '-jar', jar],
    cwd: home,
    env: { ...process.env, ...registryEnvironment(settings) },
    marker: jar,
    host: settings.local.host,
    port: settings.local.port,
    isReady: () => isRegistryReady(settings.url),
    readyTimeoutMs: READY_TIMEOUT_MS,
  };
}

/** Apicurio 3 configuration; names checked against application.properties inside the 3.3.3 app jar. */
export function registryEnvironment(settings: RegistrySettings): Record<string, string> {
  const database = new URL(settings.databaseUrl);
  return {
    QUARKUS_HTTP_HOST: '127.0.0.1',
    QUARKUS_HTTP_PORT: String(settings.local.port),
    QUARKUS_MANAGEMENT_HOST: '127.0.0.1',
    QUARKUS_MANAGEMENT_PORT: String(registryManagementPort(settings.local.port)),
    QUARKUS_HTTP_ACCESS_LOG_ENABLED: 'false',
    // Schema ids end up inside Kafka messages, so the registry must outlive its process: PostgreSQL,
    // never the default in-memory H2.
    APICURIO_STORAGE_KIND: 'sql',
    APICURIO_STORAGE_SQL_KIND: 'postgresql',
    APICURIO_DATASOURCE_URL: `jdbc:postgresql://${database.hostname}:${database.port || 5432}${database.pathname}`,
    APICURIO_DATASOURCE_USERNAME: decodeURIComponent(database.username) || 'postgres',
    APICURIO_DATASOURCE_PASSWORD: decodeURIComponent(database.password),
    // The defaults open 20 connections up front, a fifth of a stock PostgreSQL's limit.
    APICURIO_DATASOURCE_JDBC_INITIAL_SIZE: '2',
    APICURIO_DATASOURCE_JDBC_MIN_SIZE: '2',
    APICURIO_DATASOURCE_JDBC_MAX_SIZE: '10',
    // Tests delete their subjects; Apicurio refuses deletes unless these are on.
    APICURIO_REST_DELETION_ARTIFACT_ENABLED: 'true',
    APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED: 'true',
    APICURIO_REST_DELETION_GROUP_ENABLED: 'true',
  };
}

export async function isRegistryReady(url: string): Promise<boolean> {
  const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(3000) });
  await response.arrayBuffer();
  return response.status === 200;
}

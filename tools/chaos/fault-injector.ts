import { Client } from 'pg';
import { SeededRandom } from '@furnish/lending-synthetic';
import { isPortOpen } from '../stack/port-probe';
import { instanceName, instancePort, killService, SERVICES, startComponent, startService, stopComponent, stopService, type ServiceName, type StackConfig, type StackPaths } from '../stack';

export type FaultKind = 'service killed' | 'broker restarted' | 'registry restarted' | 'database outage' | 'stage scaled';

export interface Instance {
  readonly name: ServiceName;
  readonly replica: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Replicas 1 and 2 of each service (3 when scaled out), the chaos run's own instances: replica 0 is
 * the stack's service, which keeps running on the contract's topics while the run uses its prefixed ones.
 */
const CHAOS_REPLICAS = [1, 2];
const SCALED_REPLICA = 3;

/**
 * Breaks the running pipeline the ways production does, through the stack's own supervisor:
 * SIGKILLs service instances and starts them again, restarts the broker and the registry (crash
 * or rolling), takes the consent database away (connections cut and refused), and starts or
 * stops a third replica of a stage. Counts what it did; an instance it fails to start is retried
 * by `heal`.
 */
export class FaultInjector {
  readonly counts = new Map<FaultKind, number>();
  readonly instances: Instance[] = SERVICES.flatMap(({ name }) => CHAOS_REPLICAS.map((replica) => ({ name, replica })));
  private readonly random: SeededRandom;

  constructor(
    private readonly config: StackConfig,
    private readonly paths: StackPaths,
    seed: string,
    private readonly log: (line: string) => void,
  ) {
    this.random = SeededRandom.of(seed, 'faults');
  }

  /** Two replicas of every service: each kill and each start is a rebalance for the other. */
  async startReplicas(): Promise<void> {
    for (const instance of this.instances) await this.start(instance);
  }

  async killOne(): Promise<void> {
    const victim = this.instances[this.random.int(0, this.instances.length - 1)];
    if (!killService(victim.name, this.paths, victim.replica)) return;
    this.count('service killed');
    // A SIGKILLed process can hold its port for a moment on a loaded machine.
    for (let waited = 0; waited < 10_000 && (await isPortOpen('127.0.0.1', instancePort(victim.name, victim.replica))); waited += 100) await pause(100);
    await pause(this.random.int(100, 2_000));
    await this.start(victim);
  }

  /** SIGKILL (a crash) or SIGTERM (a rolling restart) of the broker or the registry, then start it again. */
  async restart(component: 'kafka' | 'registry'): Promise<void> {
    const how = this.random.chance(0.5) ? 'kill' : 'terminate';
    this.log(`${component}: ${how === 'kill' ? 'SIGKILL' : 'SIGTERM'} and start again`);
    await stopComponent(component, this.paths, how);
    await pause(this.random.int(500, 3_000));
    await this.startInfrastructure(component);
    this.count(component === 'kafka' ? 'broker restarted' : 'registry restarted');
  }

  /** The consent database refuses connections and its open ones are cut, for `ms`. */
  async databaseOutage(ms: number): Promise<void> {
    const database = new URL(this.config.postgres.appUrl).pathname.slice(1);
    this.log(`database ${database}: connections cut and refused for ${(ms / 1000).toFixed(0)} s`);
    await this.administer(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
    try {
      await this.administer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`);
      await pause(ms);
    } finally {
      await this.administer(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
    }
    this.count('database outage');
  }

  /** Starts a third replica of a random stage, or stops it if it runs. */
  async scaleOne(): Promise<void> {
    const { name } = SERVICES[this.random.int(0, SERVICES.length - 1)];
    const third = this.instances.findIndex((i) => i.name === name && i.replica === SCALED_REPLICA);
    if (third >= 0) {
      this.instances.splice(third, 1);
      this.log(`${name}: scaled in to 2 replicas`);
      await stopService(name, this.paths, SCALED_REPLICA);
    } else {
      this.instances.push({ name, replica: SCALED_REPLICA });
      this.log(`${name}: scaled out to 3 replicas`);
      await this.start({ name, replica: SCALED_REPLICA });
    }
    this.count('stage scaled');
  }

  /** Every instance that should run is running and ready (restarting any a fault left down). */
  async heal(): Promise<void> {
    for (const instance of this.instances) await this.start(instance);
  }

  /** Stops every instance of the run (the stack's own services, replica 0, are not the run's). */
  async stopReplicas(): Promise<void> {
    for (const { name } of SERVICES) for (const replica of [...CHAOS_REPLICAS, SCALED_REPLICA]) await stopService(name, this.paths, replica);
  }

  private async start({ name, replica }: Instance): Promise<void> {
    try {
      await startService(name, this.config, this.paths, replica);
    } catch (error) {
      // Not ready in time (the broker may be down): it runs on, and heal() checks it again.
      this.log(`${instanceName(name, replica)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A component slow to become ready on a loaded machine is waited for again, not given up on. */
  private async startInfrastructure(component: 'kafka' | 'registry'): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await startComponent(component);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        this.log(`${component} not ready yet (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); waiting again`);
      }
    }
  }

  private count(kind: FaultKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  private async administer(sql: string): Promise<void> {
    const url = new URL(this.config.postgres.appUrl);
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  }
}

import { Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadinessService } from '@furnish/shared-observability';
import { consentDatabaseConnection, consentDataSourceOptions, migrateConsentDatabase, pendingConsentMigrations } from './consent-data-source';
import { ConsentDecisionRepository } from './consent-decision.repository';
import { FurnishedRecordRepository } from './furnished-record.repository';
import { ConsentLedgerRepository } from './consent-ledger.repository';
import { borrowerRef } from '@furnish/consent-domain';
import { pseudonymKeyOf, type ConsentMigrationMode, type PseudonymKeySettings } from './consent-database.config';
import { ConsentFactsByRefRepository } from './consent-facts-by-ref.repository';
import { BureauFeedbackRepository } from './bureau-feedback.repository';

export interface ConsentDatabaseOptions {
  readonly url: string;
  /** DATABASE_SSL_CA_FILE: the CA for `sslmode=verify-full` in the URL. */
  readonly sslCaFile?: string | undefined;
  readonly poolSize: number;
  readonly applicationName: string;
  /** Only the ledger may migrate; the filter waits for the tables (readiness fails until then). */
  readonly runMigrations: boolean;
  /** CONSENT_DB_MIGRATIONS: with `verify` nobody migrates and readiness names the missing migrations. */
  readonly migrations?: ConsentMigrationMode;
  /**
   * The pseudonym key and the mode; the development key is refused here outside local mode. Only a
   * service that stores consent events (the ledger) needs it: without it, no ConsentLedgerRepository.
   */
  readonly pseudonym?: PseudonymKeySettings;
}

const OPTIONS = Symbol('CONSENT_DATABASE_OPTIONS');

/** Reconnect backoff while PostgreSQL refuses: doubling from the first delay up to the cap. */
const RECONNECT = { initialDelayMs: 500, maxDelayMs: 10_000 };
const WARN_EVERY_MS = 60_000;

/**
 * Connects (and, in on-start mode, migrates) in the background, retrying with backoff, so a
 * service started while PostgreSQL is down stays up, reports not-ready with the reason and becomes
 * ready when the database answers, as the stage runner does for Kafka. Until then repository calls
 * fail as DatabaseUnavailableError (`wait`): records are retried, never decided or dead-lettered.
 */
@Injectable()
class ConsentDatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('consent-database');
  private reportedPending = '';
  /** Why the database is not usable yet; undefined once connected (and migrated, in on-start mode). */
  private problem: string | undefined = 'not connected yet';
  private connecting: Promise<void> | undefined;
  private closing = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    readiness: ReadinessService,
    private readonly options: ConsentDatabaseOptions,
  ) {
    readiness.register('database', () => {
      if (this.problem !== undefined) return [this.problem];
      return options.migrations === 'verify' ? this.migrationsApplied() : this.tablesExist();
    });
  }

  /** Not awaited: health and metrics must answer while PostgreSQL is away. */
  onModuleInit(): void {
    this.connecting = this.connectUntilReady();
  }

  private async connectUntilReady(): Promise<void> {
    const started = Date.now();
    let lastWarned = 0;
    const migrate = this.options.runMigrations && this.options.migrations !== 'verify';
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        if (!this.dataSource.isInitialized) await this.dataSource.initialize();
        if (migrate) await migrateConsentDatabase(this.dataSource);
        this.problem = undefined;
        if (attempt > 1) this.logger.log(`connected to the consent database after ${Math.round((Date.now() - started) / 1000)} s`);
        return;
      } catch (error) {
        const stage = this.dataSource.isInitialized ? 'migrations failed' : 'cannot connect';
        // A pool made by a half-finished initialize() would leak its connections.
        if (!this.dataSource.isInitialized) await this.dataSource.driver.disconnect().catch(() => undefined);
        this.problem = `${stage} (${describeDatabaseFailure(error)}); retrying`;
        if (Date.now() - lastWarned >= WARN_EVERY_MS) {
          this.logger.warn(`consent database: ${this.problem} with backoff until it answers`);
          lastWarned = Date.now();
        }
        await this.pause(Math.min(RECONNECT.maxDelayMs, RECONNECT.initialDelayMs * 2 ** Math.min(attempt - 1, 10)));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private tablesExist(): Promise<boolean> {
    return this.dataSource
      .query('SELECT 1 FROM consent_event LIMIT 1')
      .then(() => true)
      .catch(() => false);
  }

  /** Not ready until the migrate Job has applied every migration this code expects; logged once per change. */
  private async migrationsApplied(): Promise<readonly string[]> {
    const pending = await pendingConsentMigrations(this.dataSource);
    const summary = pending.join(', ');
    if (summary !== this.reportedPending) {
      this.reportedPending = summary;
      if (pending.length > 0) {
        this.logger.warn(`CONSENT_DB_MIGRATIONS=verify: waiting for the migrate Job (provisioner migrate); not applied: ${summary}`);
      } else {
        this.logger.log('CONSENT_DB_MIGRATIONS=verify: every migration is applied');
      }
    }
    return pending.map((name) => `migration ${name} not applied (run provisioner migrate)`);
  }

  /**
   * After the stage has stopped (the transport's close), stop retrying and close the pool; TypeOrmModule
   * would close it too, but only if it is not mid-connect.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.connecting;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** SQLSTATE or socket error code and the driver's message: host, port and role names at most, never record data. */
function describeDatabaseFailure(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  return `${code}${typeof e?.message === 'string' ? e.message : String(error)}`;
}

/**
 * The consent PostgreSQL database for Nest services: the DataSource from TypeOrmModule, connected
 * (and migrated) in the background by ConsentDatabaseLifecycle rather than by TypeOrmModule, whose
 * connect blocks start-up and retries without a readiness reason; and the repositories.
 */
@Module({})
export class ConsentDatabaseModule {
  static register(options: ConsentDatabaseOptions): DynamicModule {
    const key = options.pseudonym && pseudonymKeyOf(options.pseudonym);
    const connection = consentDatabaseConnection(options.url, options.sslCaFile);
    return {
      module: ConsentDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...consentDataSourceOptions({ ...connection, poolSize: options.poolSize, applicationName: options.applicationName }),
            manualInitialization: true,
          }),
        }),
      ],
      providers: [
        { provide: OPTIONS, useValue: options },
        ...(key === undefined
          ? []
          : [{ provide: ConsentLedgerRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentLedgerRepository(ds, (id) => borrowerRef(key, id)) }]),
        { provide: ConsentDecisionRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentDecisionRepository(ds) },
        { provide: FurnishedRecordRepository, inject: [DataSource], useFactory: (ds: DataSource) => new FurnishedRecordRepository(ds) },
        { provide: ConsentFactsByRefRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentFactsByRefRepository(ds) },
        { provide: BureauFeedbackRepository, inject: [DataSource], useFactory: (ds: DataSource) => new BureauFeedbackRepository(ds) },
        {
          provide: ConsentDatabaseLifecycle,
          inject: [DataSource, ReadinessService, OPTIONS],
          useFactory: (ds: DataSource, readiness: ReadinessService, opts: ConsentDatabaseOptions) => new ConsentDatabaseLifecycle(ds, readiness, opts),
        },
      ],
      exports: [TypeOrmModule, ...(key === undefined ? [] : [ConsentLedgerRepository]), ConsentDecisionRepository, ConsentFactsByRefRepository, BureauFeedbackRepository, FurnishedRecordRepository],
    };
  }
}

import { Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadinessService } from '@furnish/shared-observability';
import { consentDatabaseConnection, createConsentDataSource, migrateConsentDatabase, pendingConsentMigrations } from './consent-data-source';
import { ConsentDecisionRepository } from './consent-decision.repository';
import { ConsentLedgerRepository } from './consent-ledger.repository';
import { borrowerRef } from '@furnish/consent-domain';
import { pseudonymKeyOf, type ConsentMigrationMode, type PseudonymKeySettings } from './consent-database.config';
import { ConsentFactsByRefRepository } from './consent-facts-by-ref.repository';

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
  /** The pseudonym key and the mode; the development key is refused here outside local mode. */
  readonly pseudonym: PseudonymKeySettings;
}

const OPTIONS = Symbol('CONSENT_DATABASE_OPTIONS');

@Injectable()
class ConsentDatabaseLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('consent-database');
  private reportedPending = '';

  constructor(
    private readonly dataSource: DataSource,
    readiness: ReadinessService,
    options: ConsentDatabaseOptions,
  ) {
    readiness.register('database', options.migrations === 'verify' ? () => this.migrationsApplied() : () => this.tablesExist());
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

  /** After the stage has stopped (beforeApplicationShutdown), close the pool. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The consent PostgreSQL database for Nest services: a migrated DataSource and the repositories. */
@Module({})
export class ConsentDatabaseModule {
  static register(options: ConsentDatabaseOptions): DynamicModule {
    const key = pseudonymKeyOf(options.pseudonym);
    const connection = consentDatabaseConnection(options.url, options.sslCaFile);
    return {
      module: ConsentDatabaseModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: DataSource,
          inject: [OPTIONS],
          useFactory: async (opts: ConsentDatabaseOptions) => {
            const dataSource = createConsentDataSource({ ...connection, poolSize: opts.poolSize, applicationName: opts.applicationName });
            await dataSource.initialize();
            if (opts.runMigrations && opts.migrations !== 'verify') await migrateConsentDatabase(dataSource);
            return dataSource;
          },
        },
        { provide: ConsentLedgerRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentLedgerRepository(ds, (id) => borrowerRef(key, id)) },
        { provide: ConsentDecisionRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentDecisionRepository(ds) },
        { provide: ConsentFactsByRefRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentFactsByRefRepository(ds) },
        {
          provide: ConsentDatabaseLifecycle,
          inject: [DataSource, ReadinessService, OPTIONS],
          useFactory: (ds: DataSource, readiness: ReadinessService, opts: ConsentDatabaseOptions) => new ConsentDatabaseLifecycle(ds, readiness, opts),
        },
      ],
      exports: [DataSource, ConsentLedgerRepository, ConsentDecisionRepository, ConsentFactsByRefRepository],
    };
  }
}

import { Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadinessService } from '@furnish/shared-observability';
import { createConsentDataSource, migrateConsentDatabase } from './consent-data-source';
import { ConsentDecisionRepository } from './consent-decision.repository';
import { ConsentLedgerRepository } from './consent-ledger.repository';
import { borrowerRef } from '@furnish/consent-domain';
import { pseudonymKeyOf, type PseudonymKeySettings } from './consent-database.config';
import { ConsentFactsByRefRepository } from './consent-facts-by-ref.repository';

export interface ConsentDatabaseOptions {
  readonly url: string;
  readonly poolSize: number;
  readonly applicationName: string;
  /** Only the ledger migrates; the filter waits for the tables (readiness fails until then). */
  readonly runMigrations: boolean;
  /** The pseudonym key and the mode; the development key is refused here outside local mode. */
  readonly pseudonym: PseudonymKeySettings;
}

const OPTIONS = Symbol('CONSENT_DATABASE_OPTIONS');

@Injectable()
class ConsentDatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    readiness: ReadinessService,
  ) {
    readiness.register('database', () =>
      this.dataSource
        .query('SELECT 1 FROM consent_event LIMIT 1')
        .then(() => true)
        .catch(() => false),
    );
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
    return {
      module: ConsentDatabaseModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: DataSource,
          inject: [OPTIONS],
          useFactory: async (opts: ConsentDatabaseOptions) => {
            const dataSource = createConsentDataSource({ url: opts.url, poolSize: opts.poolSize, applicationName: opts.applicationName });
            await dataSource.initialize();
            if (opts.runMigrations) await migrateConsentDatabase(dataSource);
            return dataSource;
          },
        },
        { provide: ConsentLedgerRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentLedgerRepository(ds, (id) => borrowerRef(key, id)) },
        { provide: ConsentDecisionRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentDecisionRepository(ds) },
        { provide: ConsentFactsByRefRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ConsentFactsByRefRepository(ds) },
        ConsentDatabaseLifecycle,
      ],
      exports: [DataSource, ConsentLedgerRepository, ConsentDecisionRepository, ConsentFactsByRefRepository],
    };
  }
}


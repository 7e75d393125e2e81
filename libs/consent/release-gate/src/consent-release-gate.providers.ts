import type { DynamicModule, Provider } from '@nestjs/common';
import { Registry } from 'prom-client';
import {
  CONSENT_DATABASE_ENV,
  type ConsentMigrationMode,
  ConsentDatabaseModule,
  ConsentDecisionRepository,
  ConsentFactsByRefRepository,
  FurnishedRecordRepository,
  LEDGER_WATERMARK_ENV,
  LedgerWatermark,
  ledgerWatermarkProviders,
} from '@furnish/consent-data-access';
import { TOPICS } from '@furnish/shared-contracts';
import { ConsentReleaseGate } from './consent-release-gate';
import { ConsentInvalidation } from './consent-invalidation';
import { UpstreamCorrections } from './upstream-corrections';
import { ReleaseGateMetrics } from './release-gate.metrics';
import { StageAuditTrail } from './stage-audit-trail';

/**
 * Environment of a stage that only appends to the audit trail (the minimiser): the consent database,
 * without the pseudonym key — it stores no consent events and computes no references.
 */
export const CONSENT_AUDIT_ENV = {
  DATABASE_URL: CONSENT_DATABASE_ENV.DATABASE_URL,
  DATABASE_POOL_SIZE: CONSENT_DATABASE_ENV.DATABASE_POOL_SIZE,
  DATABASE_SSL_CA_FILE: CONSENT_DATABASE_ENV.DATABASE_SSL_CA_FILE,
  CONSENT_DB_MIGRATIONS: CONSENT_DATABASE_ENV.CONSENT_DB_MIGRATIONS,
};

export interface ConsentAuditConfig {
  readonly DATABASE_URL: string;
  readonly DATABASE_POOL_SIZE: number;
  readonly DATABASE_SSL_CA_FILE?: string | undefined;
  readonly CONSENT_DB_MIGRATIONS?: ConsentMigrationMode;
}

/**
 * Environment of a stage with a release gate: the consent database and the ledger watermark, without
 * the pseudonym key — the gate reads facts by the reference the filter's audit row holds, so the
 * formatter never needs the secret that turns borrower ids into references.
 */
export const CONSENT_RELEASE_GATE_ENV = { ...CONSENT_AUDIT_ENV, ...LEDGER_WATERMARK_ENV };

export interface ConsentReleaseGateConfig {
  readonly DATABASE_URL: string;
  readonly DATABASE_POOL_SIZE: number;
  readonly DATABASE_SSL_CA_FILE?: string | undefined;
  readonly CONSENT_LEDGER_GROUP: string;
  readonly CONSENT_LEDGER_MAX_WAIT_MS: number;
  readonly CONSENT_LEDGER_POLL_MS: number;
  readonly CONSENT_DB_MIGRATIONS?: ConsentMigrationMode;
}

/** What a stage module adds (to StageRuntimeModule.forStage) to inject a ConsentReleaseGate. */
export function consentReleaseGate(config: ConsentReleaseGateConfig, stage: 'bureau-formatter'): { imports: DynamicModule[]; providers: Provider[] } {
  const database = ConsentDatabaseModule.register(auditDatabaseOptions(config, stage));
  return {
    imports: [database],
    providers: [
      ...ledgerWatermarkProviders({
        consentTopic: TOPICS.consentEvents,
        ledgerGroupId: config.CONSENT_LEDGER_GROUP,
        maxWaitMs: config.CONSENT_LEDGER_MAX_WAIT_MS,
        pollIntervalMs: config.CONSENT_LEDGER_POLL_MS,
      }),
      { provide: ReleaseGateMetrics, inject: [Registry], useFactory: (registry: Registry) => new ReleaseGateMetrics(registry) },
      {
        provide: ConsentReleaseGate,
        inject: [ConsentDecisionRepository, ConsentFactsByRefRepository, LedgerWatermark, ReleaseGateMetrics],
        useFactory: (decisions: ConsentDecisionRepository, facts: ConsentFactsByRefRepository, watermark: LedgerWatermark, metrics: ReleaseGateMetrics) =>
          new ConsentReleaseGate(stage, decisions, facts, watermark, metrics),
      },
      {
        provide: ConsentInvalidation,
        inject: [FurnishedRecordRepository, ConsentDecisionRepository, LedgerWatermark, ReleaseGateMetrics],
        useFactory: (furnished: FurnishedRecordRepository, decisions: ConsentDecisionRepository, watermark: LedgerWatermark, metrics: ReleaseGateMetrics) =>
          new ConsentInvalidation(furnished, decisions, watermark, metrics),
      },
      {
        provide: UpstreamCorrections,
        inject: [FurnishedRecordRepository, ConsentDecisionRepository, ReleaseGateMetrics],
        useFactory: (furnished: FurnishedRecordRepository, decisions: ConsentDecisionRepository, metrics: ReleaseGateMetrics) => new UpstreamCorrections(furnished, decisions, metrics),
      },
    ],
  };
}

/** What a stage module adds (to StageRuntimeModule.forStage) to inject a StageAuditTrail for its own rejections. */
export function consentAuditTrail(config: ConsentAuditConfig, stage: 'minimiser'): { imports: DynamicModule[]; providers: Provider[] } {
  return {
    imports: [ConsentDatabaseModule.register(auditDatabaseOptions(config, stage))],
    providers: [{ provide: StageAuditTrail, inject: [ConsentDecisionRepository], useFactory: (decisions: ConsentDecisionRepository) => new StageAuditTrail(stage, decisions) }],
  };
}

function auditDatabaseOptions(config: ConsentAuditConfig, stage: StageAuditTrailStage) {
  return {
    url: config.DATABASE_URL,
    sslCaFile: config.DATABASE_SSL_CA_FILE,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: `furnish-${stage}`,
    runMigrations: false,
    migrations: config.CONSENT_DB_MIGRATIONS,
  };
}

type StageAuditTrailStage = 'minimiser' | 'bureau-formatter';

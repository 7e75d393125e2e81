import { Kafka, logLevel } from 'kafkajs';
import { ConsentDecisionRepository, ConsentFactsByRefRepository, createConsentDataSource, LedgerWatermark } from '@furnish/consent-data-access';
import type { ConnectionSecurity } from '@furnish/shared-connection-security';
import { TOPICS } from '@furnish/shared-contracts';
import { ConsentReleaseGate } from './consent-release-gate';

export interface StandaloneReleaseGateOptions {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  /** The consent ledger's consumer group (CONSENT_LEDGER_GROUP). */
  readonly ledgerGroup: string;
  readonly stage: 'submission';
  readonly applicationName: string;
  /** Kafka TLS/SASL and the database's TLS (its `postgres.url` replaces databaseUrl when present). */
  readonly security?: ConnectionSecurity;
}

/** A release gate for a tool outside the Nest services (its own database pool and Kafka admin); close it after use. */
export async function openReleaseGate(options: StandaloneReleaseGateOptions): Promise<{ gate: ConsentReleaseGate; close: () => Promise<void> }> {
  const database = options.security?.postgres ?? { url: options.databaseUrl };
  const dataSource = createConsentDataSource({ ...database, applicationName: options.applicationName, poolSize: 1 });
  const admin = new Kafka({ ...options.security?.kafka, clientId: options.applicationName, brokers: [...options.brokers], logLevel: logLevel.NOTHING }).admin();
  await dataSource.initialize();
  try {
    await admin.connect();
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  const watermark = new LedgerWatermark(admin, { consentTopic: TOPICS.consentEvents, ledgerGroupId: options.ledgerGroup, maxWaitMs: 30_000, pollIntervalMs: 100 });
  const gate = new ConsentReleaseGate(options.stage, new ConsentDecisionRepository(dataSource), new ConsentFactsByRefRepository(dataSource), watermark, null);
  return {
    gate,
    close: async () => {
      await admin.disconnect();
      await dataSource.destroy();
    },
  };
}

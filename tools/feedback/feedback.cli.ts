/**
 * `npm run feedback -- import <file> --operator <id> | rejected [--bureau B] [--json] | resent --operator <id> [--bureau B]`:
 * bureau feedback reconciled to a state per outbound record (docs/formats/feedback.md, docs/operations.md).
 * Exit 0 done (also "already imported"), 2 bad arguments, 1 a file refused or anything else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connectionSecurityFromEnv } from '@furnish/shared-connection-security';
import { BUREAUS } from '@furnish/shared-contracts';
import { BureauFeedbackRepository, createConsentDataSource, FeedbackImportConflictError } from '@furnish/consent-data-access';
import { FeedbackFileError } from '@furnish/bureau-feedback';
import { ConfigError } from '@furnish/shared-util-config';
import { FeedbackUsageError, parseFeedbackArgs, type FeedbackCommand } from './feedback-args';
import { importFeedbackFile, markResent } from './feedback-import';
import { outboundTopicSource } from './outbound-source';
import { rejectedAsJson, renderImport, renderRejected } from './feedback-render';

const DEFAULTS = {
  KAFKA_BROKERS: 'localhost:9092',
  SCHEMA_REGISTRY_URL: 'http://localhost:8081/apis/ccompat/v7',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/furnish',
};

async function run(command: FeedbackCommand, env: NodeJS.ProcessEnv): Promise<string> {
  const security = connectionSecurityFromEnv(env, { SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL ?? DEFAULTS.SCHEMA_REGISTRY_URL, DATABASE_URL: env.DATABASE_URL ?? DEFAULTS.DATABASE_URL });
  const { url, ssl } = security.postgres!;
  const database = createConsentDataSource({ url, ssl, applicationName: 'furnish-feedback', poolSize: 2 });
  await database.initialize();
  try {
    const repository = new BureauFeedbackRepository(database);
    switch (command.command) {
      case 'import': {
        const bytes = await readFile(command.file);
        return renderImport(await importFeedbackFile({ fileName: path.basename(command.file), bytes, operator: command.operator }, outboundTopicSource({ brokers: (env.KAFKA_BROKERS ?? DEFAULTS.KAFKA_BROKERS).split(',').map((b) => b.trim()).filter(Boolean), registryUrl: env.SCHEMA_REGISTRY_URL ?? DEFAULTS.SCHEMA_REGISTRY_URL, security }), repository));
      }
      case 'rejected': {
        const entries = await repository.outstandingRejections(command.bureau);
        return command.json ? rejectedAsJson(entries) : renderRejected(entries);
      }
      case 'resent': {
        const moved = await markResent(command.bureau ? [command.bureau] : BUREAUS, outboundTopicSource({ brokers: (env.KAFKA_BROKERS ?? DEFAULTS.KAFKA_BROKERS).split(',').map((b) => b.trim()).filter(Boolean), registryUrl: env.SCHEMA_REGISTRY_URL ?? DEFAULTS.SCHEMA_REGISTRY_URL, security }), repository, command.operator);
        return `${moved} rejected record(s) superseded by a corrected record: RESENT`;
      }
    }
  } finally {
    await database.destroy();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    console.log(await run(parseFeedbackArgs(argv), process.env));
    return 0;
  } catch (error) {
    if (error instanceof FeedbackUsageError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof FeedbackFileError || error instanceof FeedbackImportConflictError) {
      console.error(`feedback: refused, nothing imported: ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError) {
      console.error(`feedback: ${error.message}`);
      return 1;
    }
    console.error(`feedback failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));

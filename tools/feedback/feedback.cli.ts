/**
 * `npm run feedback -- import <file> --operator <id> | rejected [--bureau B] [--json] | resent --operator <id> [--bureau B]`:
 * bureau feedback reconciled to a state per outbound record (docs/formats/feedback.md, docs/operations.md).
 * Exit 0 done (also "already imported"), 2 bad arguments, 1 a file refused or anything else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { connectionSecurityFromEnv, type ConnectionSecurity } from '@furnish/shared-connection-security';
import { BUREAUS, SchemaCatalog, TOPICS, bureauOfCode, type Bureau } from '@furnish/shared-contracts';
import { BureauFeedbackRepository, createConsentDataSource, FeedbackImportConflictError } from '@furnish/consent-data-access';
import { FeedbackFileError, type SentRecord } from '@furnish/bureau-feedback';
import { readOutboundTopic } from '@furnish/tools-submission';
import { ConfigError } from '@furnish/shared-util-config';
import { FeedbackUsageError, parseFeedbackArgs, type FeedbackCommand } from './feedback-args';
import { importFeedbackFile, markResent, type SentRecordSource } from './feedback-import';
import { rejectedAsJson, renderImport, renderRejected } from './feedback-render';

const DEFAULTS = {
  KAFKA_BROKERS: 'localhost:9092',
  SCHEMA_REGISTRY_URL: 'http://localhost:8081/apis/ccompat/v7',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/furnish',
};

/** The outbound topic of a bureau, read once per run as the submission tool reads it (committed records only). */
function outboundSource(security: ConnectionSecurity, env: NodeJS.ProcessEnv): SentRecordSource {
  const brokers = (env.KAFKA_BROKERS ?? DEFAULTS.KAFKA_BROKERS).split(',').map((b) => b.trim()).filter(Boolean);
  const serde = new AvroSerde(new SchemaRegistryClient({ url: env.SCHEMA_REGISTRY_URL ?? DEFAULTS.SCHEMA_REGISTRY_URL, ...security.registry }), SchemaCatalog.load());
  const read = new Map<Bureau, Promise<SentRecord[]>>();
  return (bureau) => {
    if (!read.has(bureau)) {
      read.set(
        bureau,
        readOutboundTopic({ brokers, topic: TOPICS.outbound[bureau], serde, timeoutMs: 60_000, kafkaSecurity: security.kafka }).then((records) =>
          records.map((r) => ({ recordId: r.recordId, bureau: bureauOfCode(r.bureau), recordKind: r.recordKind, payload: r.payload, producedAt: r.producedAt })),
        ),
      );
    }
    return read.get(bureau)!;
  };
}

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
        return renderImport(await importFeedbackFile({ fileName: path.basename(command.file), bytes, operator: command.operator }, outboundSource(security, env), repository));
      }
      case 'rejected': {
        const entries = await repository.outstandingRejections(command.bureau);
        return command.json ? rejectedAsJson(entries) : renderRejected(entries);
      }
      case 'resent': {
        const moved = await markResent(command.bureau ? [command.bureau] : BUREAUS, outboundSource(security, env), repository, command.operator);
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

/**
 * `npm run dlq -- list|show|redrive` (the image: `dlq …`): the dead-letter queues for operators.
 * `list` reads only headers. `show` and `redrive` open a sealed dead letter with the key ring
 * (DLQ_KEK_FILE; local mode: the development ring) for a named operator and record it in the
 * consent database's dead-letter audit (docs/operations.md, "Dead letters").
 */
import 'reflect-metadata';
import { z } from 'zod';
import type { LoggerService } from '@nestjs/common';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { CONNECTION_SECURITY_ENV, resolveConnectionSecurity } from '@furnish/shared-connection-security';
import { SchemaCatalog } from '@furnish/shared-contracts';
import { createConsentDataSource, CONSENT_DATABASE_ENV } from '@furnish/consent-data-access';
import {
  checkOperator,
  DeadLetterRequestError,
  listDeadLetters,
  redriveDeadLetter,
  renderDeadLetterList,
  renderOpenedDeadLetter,
  renderRedrive,
  showDeadLetter,
  type DeadLetterTools,
} from '@furnish/consent-dead-letters';
import { createKafka, deadLetterKeyRingOf, STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';
import { SealedValueUnreadableError } from '@furnish/shared-util-sealing';
import { ConfigError, loadConfig } from '@furnish/shared-util-config';
import { DlqUsageError, parseDlqArgs, type DlqCommand } from './dlq-args';

const DLQ_TOOL_ENV = z.object({
  ...CONNECTION_SECURITY_ENV,
  KAFKA_BROKERS: STAGE_RUNTIME_ENV.KAFKA_BROKERS,
  SCHEMA_REGISTRY_URL: STAGE_RUNTIME_ENV.SCHEMA_REGISTRY_URL,
  DATABASE_URL: CONSENT_DATABASE_ENV.DATABASE_URL,
  DLQ_KEK_FILE: STAGE_RUNTIME_ENV.DLQ_KEK_FILE,
  DLQ_KEK_CURRENT: STAGE_RUNTIME_ENV.DLQ_KEK_CURRENT,
});

/** kafkajs errors to stderr (they name brokers and topics, never record content); its warnings are retry chatter here. */
const stderrLogger: LoggerService = { log: () => undefined, warn: () => undefined, error: (m) => console.error(String(m)) };

async function run(command: DlqCommand): Promise<string> {
  const config = loadConfig(DLQ_TOOL_ENV);
  const security = resolveConnectionSecurity(config);
  const kafka = createKafka('furnish-dlq-tool', config.KAFKA_BROKERS, stderrLogger, security.kafka);
  if (command.command === 'list') {
    const summaries = await listDeadLetters(kafka, command.stages);
    return command.json ? JSON.stringify(summaries, null, 2) : renderDeadLetterList(summaries);
  }
  const operator = checkOperator(command.operator);
  // Only now: listing needs no key, opening refuses to go on without one.
  const keys = deadLetterKeyRingOf(config);
  const { url, ssl } = security.postgres!;
  const database = createConsentDataSource({ url, ssl, applicationName: 'furnish-dlq', poolSize: 1 });
  await database.initialize();
  try {
    const decoder = new AvroSerde(new SchemaRegistryClient({ url: config.SCHEMA_REGISTRY_URL, ...security.registry }), SchemaCatalog.load());
    const tools: DeadLetterTools = { kafka, database, keys, decoder };
    if (command.command === 'show') return renderOpenedDeadLetter(await showDeadLetter(tools, command.address, operator));
    return renderRedrive(await redriveDeadLetter(tools, command.address, { operator, to: command.to, key: command.key, again: command.again }));
  } finally {
    await database.destroy();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    console.log(await run(parseDlqArgs(argv)));
    return 0;
  } catch (error) {
    if (error instanceof DlqUsageError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DeadLetterRequestError || error instanceof SealedValueUnreadableError) {
      console.error(`dlq: ${error.message}`);
      return 1;
    }
    console.error(`dlq failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));

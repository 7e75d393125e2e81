import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { DeadLetterAccessRepository, type DeadLetterAccessRow } from '@furnish/consent-data-access';
import { STAGES, TOPICS, type StageName } from '@furnish/shared-contracts';
import { decodeOriginal, openDeadLetter, type DeadLetterKeyRing, type OriginalMessage } from '@furnish/shared-stage-runtime';
import type { DeadLetterAddress } from './dead-letter-address';
import { contextOf, summariseDeadLetter, type DeadLetterSummary } from './dead-letter-summary';
import { readCommitted } from './dead-letter-topic.reader';
import { originalEventId } from './original-event-id';
import { publishRedrive } from './redrive.publisher';

/** Decodes an original value with its topic's schema (AvroSerde in production); throws when it cannot. */
export interface OriginalDecoder {
  decode<T>(topic: string, value: Buffer | null): Promise<T>;
}

export interface DeadLetterTools {
  readonly kafka: Kafka;
  readonly database: DataSource;
  readonly keys: DeadLetterKeyRing;
  readonly decoder: OriginalDecoder;
}

/** Who asks: a named operator, recorded in the audit with everything they open or re-drive. */
const OPERATOR = /^[A-Za-z0-9._@-]{1,128}$/;

/**
 * Topics where a re-delivery is absorbed: the consent filter decides an event id once (its claim),
 * and the consent ledger keeps one row per (consent id, version). Downstream of the filter nothing
 * de-duplicates, so a dead letter is re-driven there once unless the operator says again.
 */
export const IDEMPOTENT_REDRIVE_TOPICS: readonly string[] = [TOPICS.loanEvents, TOPICS.consentEvents];
/** Where a re-drive may go: the input topic of a stage. */
export const REDRIVE_TOPICS: readonly string[] = [TOPICS.loanEvents, TOPICS.consentEvents, TOPICS.consentedLoanEvents, ...Object.values(TOPICS.minimised)];

/** The operator's request cannot be carried out as asked; says why, never what the dead letter holds. */
export class DeadLetterRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadLetterRequestError';
  }
}

export function checkOperator(operator: string | undefined): string {
  if (operator === undefined || !OPERATOR.test(operator)) {
    throw new DeadLetterRequestError('--operator <id> is required to open or re-drive a dead letter (letters, digits, . _ @ -; at most 128): it is recorded in the audit');
  }
  return operator;
}

/** The dead letters of the given stages (all by default), oldest first in each topic: headers only, nothing is opened. */
export async function listDeadLetters(kafka: Kafka, stages: readonly StageName[] = STAGES): Promise<DeadLetterSummary[]> {
  const summaries: DeadLetterSummary[] = [];
  for (const stage of stages) {
    const topic = TOPICS.deadLetter[stage];
    for (const { partition, message } of await readCommitted(kafka, topic)) summaries.push(summariseDeadLetter(topic, partition, message));
  }
  return summaries;
}

export interface OpenedDeadLetter {
  readonly summary: DeadLetterSummary;
  readonly original: OriginalMessage;
  /** The original value decoded with its source topic's schema; undefined when it does not decode (often why it was dead-lettered). */
  readonly decoded: unknown;
  readonly eventId: string | null;
  readonly history: readonly DeadLetterAccessRow[];
}

/** Opens one dead letter for a named operator and records that they did (SHOWN). */
export async function showDeadLetter(tools: DeadLetterTools, address: DeadLetterAddress, operator: string): Promise<OpenedDeadLetter> {
  const opened = await openAt(tools, address);
  const audit = new DeadLetterAccessRepository(tools.database);
  await audit.record({ action: 'SHOWN', operator: checkOperator(operator), letter: opened.summary, eventId: opened.eventId });
  return { ...opened, history: await audit.forDeadLetter(address.topic, address.partition, address.offset) };
}

export interface RedriveRequest {
  readonly operator: string;
  /** Default: the source topic the dead letter came from. */
  readonly to?: string;
  /** A corrected key (e.g. for KEY_MISMATCH); default the original key. */
  readonly key?: string;
  /** Re-drive again into a topic that does not de-duplicate. */
  readonly again?: boolean;
}

export interface RedriveResult {
  readonly redriveId: string;
  readonly summary: DeadLetterSummary;
  readonly eventId: string | null;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly droppedNullHeaders: readonly string[];
  readonly earlierRedrives: number;
}

/**
 * Re-publishes a dead letter's original bytes and headers (and its key, or the corrected one) to
 * its source topic or the one named, in a Kafka transaction, recorded in the audit before
 * (REDRIVE_STARTED) and after (REDRIVEN with where it landed, or REDRIVE_FAILED). The event keeps
 * its id, so the filter's once-per-event-id claim keeps a second re-drive from being furnished twice.
 */
export async function redriveDeadLetter(tools: DeadLetterTools, address: DeadLetterAddress, request: RedriveRequest): Promise<RedriveResult> {
  const operator = checkOperator(request.operator);
  const target = request.to ?? undefined;
  const opened = await openAt(tools, address);
  const topic = target ?? opened.summary.sourceTopic;
  if (!REDRIVE_TOPICS.includes(topic)) throw new DeadLetterRequestError(`cannot re-drive to ${topic}: a re-drive goes to a stage's input topic (${REDRIVE_TOPICS.join(', ')})`);
  const audit = new DeadLetterAccessRepository(tools.database);
  const earlier = (await audit.forDeadLetter(address.topic, address.partition, address.offset)).filter((row) => row.action === 'REDRIVEN');
  if (earlier.length > 0 && !IDEMPOTENT_REDRIVE_TOPICS.includes(topic) && !request.again) {
    throw new DeadLetterRequestError(
      `${address.stage}:${address.partition}:${address.offset} was re-driven before (${earlier.length}×) and ${topic} is downstream of the consent filter's event-id claim, so a second copy would be furnished again; pass --again if that is meant`,
    );
  }
  const redriveId = randomUUID();
  const base = { operator, letter: opened.summary, eventId: opened.eventId, redriveId, keyReplaced: request.key !== undefined };
  await audit.record({ ...base, action: 'REDRIVE_STARTED', target: { topic } });
  try {
    const key = request.key !== undefined ? Buffer.from(request.key, 'utf8') : opened.original.key;
    const landed = await publishRedrive(tools.kafka, { topic, key, value: opened.original.value, headers: opened.original.headers, redriveId });
    await audit.record({ ...base, action: 'REDRIVEN', target: { topic, partition: landed.partition, offset: landed.offset } });
    return { redriveId, summary: opened.summary, eventId: opened.eventId, topic, ...landed, earlierRedrives: earlier.length };
  } catch (error) {
    const detail = error instanceof Error ? error.name : 'non-error value';
    await audit.record({ ...base, action: 'REDRIVE_FAILED', target: { topic }, detail });
    throw error;
  }
}

async function openAt(tools: DeadLetterTools, address: DeadLetterAddress): Promise<Omit<OpenedDeadLetter, 'history'>> {
  const [found] = await readCommitted(tools.kafka, address.topic, { partition: address.partition, fromOffset: address.offset, stopAtFirst: true });
  if (!found || found.message.offset !== address.offset) {
    throw new DeadLetterRequestError(`no committed dead letter at ${address.topic} partition ${address.partition} offset ${address.offset} (run \`dlq list\`)`);
  }
  const summary = summariseDeadLetter(address.topic, address.partition, found.message);
  if (summary.omitted !== undefined) {
    throw new DeadLetterRequestError(
      `this dead letter was too large for its topic and holds no value (${summary.omitted}); the original is at ${summary.sourceTopic} partition ${summary.sourcePartition} offset ${summary.sourceOffset} while that topic's retention keeps it`,
    );
  }
  const original = decodeOriginal(openDeadLetter(tools.keys, contextOf(summary), found.message.value));
  let decoded: unknown;
  try {
    decoded = await tools.decoder.decode(summary.sourceTopic, original.value);
  } catch {
    decoded = undefined;
  }
  return { summary, original, decoded, eventId: originalEventId(decoded) };
}

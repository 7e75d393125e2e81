import { ConfigError } from '@furnish/shared-util-config';

/**
 * Every Kafka topic Furnish reads or writes, declared once. The input and outbound names are the
 * external contract (PRODUCT.md) and never change; internal and dead-letter topics are our design.
 * `npm run stack:up` creates exactly these, with these partition counts.
 */
export const BUREAUS = ['pboc-crc', 'baihang', 'metro2'] as const;
export type Bureau = (typeof BUREAUS)[number];

export const STAGES = ['consent-ledger', 'consent-filter', 'minimiser', 'bureau-formatter'] as const;
export type StageName = (typeof STAGES)[number];

/**
 * Prepended to every topic name, registry subject and consumer group of a process, so a second
 * pipeline (the benchmark's, the chaos run's) shares a cluster with the real one without touching
 * its topics or groups. Empty by default: the names are then exactly the contract's.
 */
export const TOPIC_PREFIX_VARIABLE = 'FURNISH_TOPIC_PREFIX';
const TOPIC_PREFIX_PATTERN = /^[A-Za-z0-9._-]{0,64}$/;

export function topicPrefixFrom(env: NodeJS.ProcessEnv): string {
  const prefix = env[TOPIC_PREFIX_VARIABLE] ?? '';
  if (!TOPIC_PREFIX_PATTERN.test(prefix)) {
    throw new ConfigError([`${TOPIC_PREFIX_VARIABLE}: must be at most 64 letters, digits, '.', '_' or '-' (Kafka topic characters)`]);
  }
  return prefix;
}

/** The pipeline's topic names under a prefix ('' gives the contract's names). */
export function topicNames<P extends string>(prefix: P) {
  return {
    loanEvents: `${prefix}lending.loan-events.v1`,
    consentEvents: `${prefix}lending.consent-events.v1`,
    consentedLoanEvents: `${prefix}furnish.consented-loan-events.v1`,
    minimised: {
      'pboc-crc': `${prefix}furnish.minimised.pboc-crc.v1`,
      baihang: `${prefix}furnish.minimised.baihang.v1`,
      metro2: `${prefix}furnish.minimised.metro2.v1`,
    },
    outbound: {
      'pboc-crc': `${prefix}furnish.outbound.pboc-crc.v1`,
      baihang: `${prefix}furnish.outbound.baihang.v1`,
      metro2: `${prefix}furnish.outbound.metro2.v1`,
    },
    deadLetter: {
      'consent-ledger': `${prefix}furnish.dlq.consent-ledger.v1`,
      'consent-filter': `${prefix}furnish.dlq.consent-filter.v1`,
      minimiser: `${prefix}furnish.dlq.minimiser.v1`,
      'bureau-formatter': `${prefix}furnish.dlq.bureau-formatter.v1`,
    },
  } as const satisfies {
    loanEvents: string;
    consentEvents: string;
    consentedLoanEvents: string;
    minimised: Record<Bureau, string>;
    outbound: Record<Bureau, string>;
    deadLetter: Record<StageName, string>;
  };
}

/** This process's prefix, read once at start-up; an invalid one stops the process naming the variable. */
export const TOPIC_PREFIX = topicPrefixFrom(process.env);

/** This process's topics: the contract's names under {@link TOPIC_PREFIX}. */
export const TOPICS = topicNames(TOPIC_PREFIX);

const OUTBOUND_TOPICS = new Set<string>(Object.values(TOPICS.outbound));
const DEAD_LETTER_TOPICS = new Set<string>(Object.values(TOPICS.deadLetter));
export const isOutboundTopic = (topic: string): boolean => OUTBOUND_TOPICS.has(topic);
export const isDeadLetterTopic = (topic: string): boolean => DEAD_LETTER_TOPICS.has(topic);

/** A stage's consumer group (also the start of its transactional ids), under the same prefix. */
export const consumerGroupOf = (stage: string): string => `${TOPIC_PREFIX}furnish.${stage}`;

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** What the record key is; documented for upstream teams and checked by producers. */
  readonly key: string;
  /** Topic-level Kafka configuration that correctness depends on. */
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * The input topics use broker time: the consent filter compares a loan event's timestamp with the
 * consent topic's offsets by timestamp ("was every consent event published before this loan event
 * applied to the ledger?"), which needs one clock, not each producer's.
 */
const BROKER_TIME = { 'message.timestamp.type': 'LogAppendTime' } as const;

/** Partition counts are explicit: they bound each stage's parallelism (one consumer per partition). */
export const TOPIC_SPECS: readonly TopicSpec[] = [
  { name: TOPICS.loanEvents, partitions: 6, key: 'account id', config: BROKER_TIME },
  { name: TOPICS.consentEvents, partitions: 6, key: 'borrower id', config: BROKER_TIME },
  { name: TOPICS.consentedLoanEvents, partitions: 6, key: 'account id' },
  ...Object.values(TOPICS.minimised).map((name) => ({ name, partitions: 6, key: 'account id' })),
  ...Object.values(TOPICS.outbound).map((name) => ({ name, partitions: 3, key: 'account id' })),
  ...Object.values(TOPICS.deadLetter).map((name) => ({ name, partitions: 1, key: 'source key' })),
];

/**
 * Every Kafka topic Furnish reads or writes, declared once. The input and outbound names are the
 * external contract (PRODUCT.md) and never change; internal and dead-letter topics are our design.
 * `npm run stack:up` creates exactly these, with these partition counts.
 */
export const BUREAUS = ['pboc-crc', 'baihang', 'metro2'] as const;
export type Bureau = (typeof BUREAUS)[number];

export const STAGES = ['consent-ledger', 'consent-filter', 'minimiser', 'bureau-formatter'] as const;
export type StageName = (typeof STAGES)[number];

export const TOPICS = {
  loanEvents: 'lending.loan-events.v1',
  consentEvents: 'lending.consent-events.v1',
  consentedLoanEvents: 'furnish.consented-loan-events.v1',
  minimised: {
    'pboc-crc': 'furnish.minimised.pboc-crc.v1',
    baihang: 'furnish.minimised.baihang.v1',
    metro2: 'furnish.minimised.metro2.v1',
  },
  outbound: {
    'pboc-crc': 'furnish.outbound.pboc-crc.v1',
    baihang: 'furnish.outbound.baihang.v1',
    metro2: 'furnish.outbound.metro2.v1',
  },
  deadLetter: {
    'consent-ledger': 'furnish.dlq.consent-ledger.v1',
    'consent-filter': 'furnish.dlq.consent-filter.v1',
    minimiser: 'furnish.dlq.minimiser.v1',
    'bureau-formatter': 'furnish.dlq.bureau-formatter.v1',
  },
} as const satisfies {
  loanEvents: string;
  consentEvents: string;
  consentedLoanEvents: string;
  minimised: Record<Bureau, string>;
  outbound: Record<Bureau, string>;
  deadLetter: Record<StageName, string>;
};

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

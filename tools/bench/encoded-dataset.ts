import type { AvroSerde } from '@furnish/shared-avro-serde';
import { TOPICS } from '@furnish/shared-contracts';
import { benchDataset, type BenchDatasetOptions } from './bench-dataset';
import type { BenchMessage } from './gated-batch';

/** A bench data set as the messages to publish, encoded by Furnish's serde. */
export interface EncodedSet {
  readonly prefix: string;
  /** Loan events, keyed by account id. */
  readonly events: BenchMessage[];
  /** Consent events, keyed by borrower id. */
  readonly consents: BenchMessage[];
  readonly borrowers: number;
  readonly consenting: number;
  /** The encoded loan events' bytes, together. */
  readonly bytes: number;
}

/** The bench's lender month (benchDataset) of these options, encoded for its topics. */
export async function encodeBenchDataset(serde: AvroSerde, options: BenchDatasetOptions): Promise<EncodedSet> {
  const data = benchDataset(options);
  const events: BenchMessage[] = [];
  let bytes = 0;
  for (const event of data.events) {
    const value = await serde.encode(TOPICS.loanEvents, event);
    bytes += value.length;
    events.push({ topic: TOPICS.loanEvents, key: event.account.accountId, value });
  }
  const consents: BenchMessage[] = [];
  for (const consent of data.consents) consents.push({ topic: TOPICS.consentEvents, key: consent.borrowerId, value: await serde.encode(TOPICS.consentEvents, consent) });
  return { prefix: options.prefix, events, consents, borrowers: data.borrowers, consenting: data.consenting, bytes };
}

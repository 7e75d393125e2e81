import { TOPICS, type ConsentEvent, type LoanEvent } from '@furnish/shared-contracts';
import type { SyntheticMonth } from '../synthetic-month.generator';

/** One message as it goes to Kafka: topic, key (per the event contract) and value. */
export type SyntheticRecord =
  | { readonly topic: typeof TOPICS.consentEvents; readonly key: string; readonly value: ConsentEvent }
  | { readonly topic: typeof TOPICS.loanEvents; readonly key: string; readonly value: LoanEvent };

/** Consent events keyed by borrower id, then loan events keyed by account id: the publishing order. */
export function* syntheticRecords(month: Pick<SyntheticMonth, 'consentEvents' | 'loanEvents'>): Generator<SyntheticRecord> {
  for (const value of month.consentEvents) yield { topic: TOPICS.consentEvents, key: value.borrowerId, value };
  for (const value of month.loanEvents) yield { topic: TOPICS.loanEvents, key: value.account.accountId, value };
}

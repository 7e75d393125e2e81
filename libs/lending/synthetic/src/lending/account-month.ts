import type { Account, LoanEventType, ProductType, Statement, Transaction } from '@furnish/shared-contracts';
import type { CalendarMonth } from '../calendar/calendar';
import type { SeededRandom } from '../random/seeded-random';
import type { AccountLedger } from './account-ledger';
import type { AccountStory } from './account-story';
import type { MarketParameters } from './lending-parameters';
import type { TransactionContext } from './transaction.factory';

/** An event of the month before it gets its time of day and id. */
export interface AccountEventDraft {
  readonly day: number;
  readonly rank: number;
  readonly eventType: LoanEventType;
  readonly account: Account;
  readonly transaction: Transaction | null;
  readonly statement: Statement | null;
  /** Second of the day (UTC) when the time is fixed by the story, e.g. an opening after its application. */
  readonly second?: number;
}

/** What an account simulator needs. */
export interface AccountSetup {
  readonly random: SeededRandom;
  readonly month: CalendarMonth;
  readonly market: MarketParameters;
  readonly accountId: string;
  readonly context: TransactionContext;
}

export interface AccountMonth {
  readonly accountId: string;
  readonly productType: ProductType;
  readonly story: AccountStory;
  /** In time order. */
  readonly drafts: readonly AccountEventDraft[];
}

/** Order of same-day steps: an opening comes first, a statement closes the day, the month end after it. */
export const RANK = { open: 0, limit: 1, activity: 2, payoff: 3, close: 4, chargeOff: 5, statement: 8, monthEnd: 9 } as const;

/** Steps of an account, run in (day, rank, insertion) order. */
export class Timeline {
  private readonly steps: { day: number; rank: number; order: number; run: () => void }[] = [];

  add(day: number, rank: number, run: () => void): void {
    this.steps.push({ day, rank, order: this.steps.length, run });
  }

  run(): void {
    this.steps.sort((a, b) => a.day - b.day || a.rank - b.rank || a.order - b.order).forEach((step) => step.run());
    this.steps.length = 0;
  }
}

export interface DraftDetails {
  readonly transaction?: Transaction;
  readonly statement?: Statement;
  readonly second?: number;
}

/** Collects an account's drafts, each with the ledger's snapshot taken as the event is recorded. */
export function draftRecorder(ledger: AccountLedger): { readonly drafts: AccountEventDraft[]; emit(day: number, rank: number, eventType: LoanEventType, details?: DraftDetails): void } {
  const drafts: AccountEventDraft[] = [];
  return {
    drafts,
    emit(day, rank, eventType, details = {}) {
      const account = ledger.snapshot(day);
      const draft = { day, rank, eventType, account, transaction: details.transaction ?? null, statement: details.statement ?? null };
      drafts.push(details.second === undefined ? draft : { ...draft, second: details.second });
    },
  };
}

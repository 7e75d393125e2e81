import type { Bureau } from '@furnish/shared-contracts';
import { finalOutcome, type AuditEntry, type FinalOutcome } from './audit-trail';

/** One loan event of the month with its whole audit trail (every bureau). */
export interface CoverageEvent {
  readonly eventId: string;
  /** Pseudonymous; null for events decided before the audit recorded accounts. */
  readonly accountRef: string | null;
  readonly occurredAt: Date;
  readonly entries: readonly AuditEntry[];
}

/**
 * Why an account with activity was not furnished to a bureau: the final outcome of its latest event
 * of the month. A withhold reason (NO_CONSENT, NOT_YET_EFFECTIVE, EXPIRED, WITHDRAWN); withdrawn
 * between the filter's release and the record's release; rejected downstream (by a bureau rule or a
 * stage's validation, with its error code); released and still on its way; or nothing this bureau
 * reports for that kind of event.
 */
export type NotFurnishedReason = string;

export interface BureauCoverage {
  readonly bureau: Bureau;
  readonly accountsWithActivity: number;
  readonly accountsFurnished: number;
  /** Accounts with activity not furnished, by the reason of their latest event. */
  readonly accountsNotFurnished: Readonly<Record<NotFurnishedReason, number>>;
  readonly events: number;
  /** The month's events by final outcome (REPORTED, IN_FLIGHT, WITHHELD NO_CONSENT, …). */
  readonly eventsByOutcome: Readonly<Record<string, number>>;
  /** Events decided before the audit trail recorded accounts: counted in events, not in accounts. */
  readonly eventsWithoutAccount: number;
}

/** The label an outcome is counted under: closed sets only (outcome kinds, withhold reasons, error codes). */
export function outcomeLabel(outcome: FinalOutcome): string {
  switch (outcome.kind) {
    case 'REPORTED':
      return 'REPORTED';
    case 'DELETED':
      return `DELETED ${outcome.reason}`;
    case 'CORRECTION_SENT':
      return `${outcome.decision} ${outcome.reason}`;
    case 'WITHHELD':
      return `WITHHELD ${outcome.reason}`;
    case 'WITHDRAWN_BEFORE_RELEASE':
      return 'WITHDRAWN BEFORE RELEASE';
    case 'REJECTED_DOWNSTREAM':
      return `REJECTED ${outcome.code} (${outcome.stage})`;
    case 'IN_FLIGHT':
      return 'IN FLIGHT';
    case 'NOT_REPORTABLE':
      return 'NOT REPORTABLE';
    case 'DUPLICATE_ONLY':
      return 'DECIDED BEFORE THE AUDIT';
  }
}

interface AccountState {
  furnished: boolean;
  latest: { readonly occurredAt: number; readonly eventId: string; readonly label: string } | undefined;
}

/**
 * Counts coverage for one month, event by event, so a month of millions of events is read in
 * pages: per bureau, accounts with activity, accounts furnished (at least one event REPORTED), the
 * others by the outcome of their latest event, and the events by outcome. Fed with events in any
 * order; each event once.
 */
export class CoverageTally {
  private readonly accounts = new Map<Bureau, Map<string, AccountState>>();
  private readonly events = new Map<Bureau, Map<string, number>>();
  private readonly withoutAccount = new Map<Bureau, number>();

  constructor(private readonly bureaus: readonly Bureau[]) {
    for (const bureau of bureaus) {
      this.accounts.set(bureau, new Map());
      this.events.set(bureau, new Map());
      this.withoutAccount.set(bureau, 0);
    }
  }

  add(event: CoverageEvent): void {
    for (const bureau of this.bureaus) {
      if (!event.entries.some((e) => e.bureau === bureau)) continue;
      const label = outcomeLabel(finalOutcome(bureau, event.entries).outcome);
      const byOutcome = this.events.get(bureau)!;
      byOutcome.set(label, (byOutcome.get(label) ?? 0) + 1);
      if (event.accountRef === null) {
        this.withoutAccount.set(bureau, this.withoutAccount.get(bureau)! + 1);
        continue;
      }
      const accounts = this.accounts.get(bureau)!;
      const state = accounts.get(event.accountRef) ?? { furnished: false, latest: undefined };
      if (label === 'REPORTED') state.furnished = true;
      const at = event.occurredAt.getTime();
      if (state.latest === undefined || at > state.latest.occurredAt || (at === state.latest.occurredAt && event.eventId > state.latest.eventId)) {
        state.latest = { occurredAt: at, eventId: event.eventId, label };
      }
      accounts.set(event.accountRef, state);
    }
  }

  result(): BureauCoverage[] {
    return this.bureaus.map((bureau) => {
      const accounts = [...this.accounts.get(bureau)!.values()];
      const notFurnished: Record<string, number> = {};
      for (const account of accounts) {
        if (account.furnished) continue;
        const reason = account.latest!.label;
        notFurnished[reason] = (notFurnished[reason] ?? 0) + 1;
      }
      const byOutcome = Object.fromEntries([...this.events.get(bureau)!.entries()].sort(([a], [b]) => a.localeCompare(b)));
      return {
        bureau,
        accountsWithActivity: accounts.length,
        accountsFurnished: accounts.filter((a) => a.furnished).length,
        accountsNotFurnished: Object.fromEntries(Object.entries(notFurnished).sort(([a], [b]) => a.localeCompare(b))),
        events: Object.values(byOutcome).reduce((sum, n) => sum + n, 0),
        eventsByOutcome: byOutcome,
        eventsWithoutAccount: this.withoutAccount.get(bureau)!,
      };
    });
  }
}

import type { Cents } from './money';

/** One amount that falls due on a day: a revolving minimum payment or a loan instalment. */
export interface Due {
  readonly dueDay: number;
  /** 1-based instalment number; null for a revolving minimum payment. */
  readonly instalment: number | null;
  principal: Cents;
  interest: Cents;
  /** Whether the unpaid interest is already part of the account balance. */
  interestBilled: boolean;
}

export interface PastDue {
  readonly amount: Cents;
  readonly principal: Cents;
  readonly periods: number;
  /** Epoch day of the oldest unpaid due date past its grace period; null when nothing is past due. */
  readonly oldestDueDay: number | null;
}

export interface Allocation {
  readonly principal: Cents;
  /** The part of the interest paid that had been billed into the balance. */
  readonly billedInterest: Cents;
  /** What was left over after every due was paid. */
  readonly remainder: Cents;
}

const NOTHING_PAST_DUE: PastDue = { amount: 0, principal: 0, periods: 0, oldestDueDay: null };

/**
 * The unpaid dues of an account, oldest first. Payments settle the oldest due first, interest
 * before principal. An amount is past due once its due date is more than `graceDays` behind.
 */
export class DueBook {
  private readonly open: Due[] = [];

  add(due: Due): void {
    this.open.push(due);
  }

  get dues(): readonly Due[] {
    return this.open;
  }

  /** Total still owed on dues falling due on or before `day` (every due when omitted). */
  outstanding(day = Number.MAX_SAFE_INTEGER): Cents {
    let total = 0;
    for (const due of this.open) {
      if (due.dueDay > day) break;
      total += due.principal + due.interest;
    }
    return total;
  }

  pastDue(day: number, graceDays: number): PastDue {
    let amount = 0;
    let principal = 0;
    let periods = 0;
    for (const due of this.open) {
      if (day - due.dueDay <= graceDays) break;
      amount += due.principal + due.interest;
      principal += due.principal;
      periods++;
    }
    return periods === 0 ? NOTHING_PAST_DUE : { amount, principal, periods, oldestDueDay: this.open[0].dueDay };
  }

  /** Pays `amount` towards the dues, oldest first, and drops the ones fully paid. */
  allocate(amount: Cents): Allocation {
    let left = amount;
    let principal = 0;
    let billedInterest = 0;
    while (left > 0 && this.open.length > 0) {
      const due = this.open[0];
      const towardsInterest = Math.min(left, due.interest);
      due.interest -= towardsInterest;
      if (due.interestBilled) billedInterest += towardsInterest;
      left -= towardsInterest;
      const towardsPrincipal = Math.min(left, due.principal);
      due.principal -= towardsPrincipal;
      principal += towardsPrincipal;
      left -= towardsPrincipal;
      if (due.principal === 0 && due.interest === 0) this.open.shift();
    }
    return { principal, billedInterest, remainder: left };
  }

  clear(): void {
    this.open.length = 0;
  }
}

import type { Statement } from '@furnish/shared-contracts';
import { addMonths, toDate } from '../calendar/calendar';
import { AccountLedger, type AccountTerms } from './account-ledger';
import { roundCents, toMoney, type Cents } from './money';

export interface ScheduledInstalment {
  /** 1-based. */
  readonly number: number;
  readonly dueDay: number;
  readonly principal: Cents;
  readonly interest: Cents;
}

export interface Amortisation {
  /** The regular instalment; the last one absorbs the rounding. */
  readonly instalmentAmount: Cents;
  readonly schedule: readonly ScheduledInstalment[];
}

/**
 * Equal monthly instalments (annuity) of `principal` over `count` months at `monthlyRate`, due on
 * the opening day of each following month (clamped to month ends). Amounts are rounded to cents;
 * the last instalment repays exactly the principal left.
 */
export function amortise(principal: Cents, count: number, monthlyRate: number, openedOnDay: number): Amortisation {
  const factor = monthlyRate === 0 ? 1 / count : monthlyRate / (1 - (1 + monthlyRate) ** -count);
  const instalmentAmount = roundCents(principal * factor);
  const schedule: ScheduledInstalment[] = [];
  let remaining = principal;
  for (let n = 1; n <= count; n++) {
    const interest = roundCents(remaining * monthlyRate);
    const principalPart = n === count ? remaining : Math.min(remaining, instalmentAmount - interest);
    schedule.push({ number: n, dueDay: addMonths(openedOnDay, n), principal: principalPart, interest });
    remaining -= principalPart;
  }
  return { instalmentAmount, schedule };
}

/**
 * An instalment (cash) loan: disbursed at opening, repaid by schedule. The balance is the
 * principal still owed plus the interest of instalments whose due date has passed unpaid.
 */
export class InstalmentLedger extends AccountLedger {
  private outstandingPrincipal: Cents;
  private billedInterest: Cents = 0;
  /** Unpaid dues carried into the current period, for the statement's total due. */
  private carriedIntoCycle: Cents = 0;

  constructor(
    terms: AccountTerms,
    openedOnDay: number,
    readonly principal: Cents,
    readonly schedule: readonly ScheduledInstalment[],
  ) {
    super(terms, openedOnDay);
    this.outstandingPrincipal = principal;
    for (const instalment of schedule) {
      this.dues.add({ dueDay: instalment.dueDay, instalment: instalment.number, principal: instalment.principal, interest: instalment.interest, interestBilled: false });
    }
  }

  get balance(): Cents {
    return this.outstandingPrincipal + this.billedInterest;
  }

  protected get creditLimit(): null {
    return null;
  }

  protected get highestBalance(): null {
    return null;
  }

  /** Still owed on every instalment due on or before `day`. */
  owedUpTo(day: number): Cents {
    return this.dues.outstanding(day);
  }

  pay(day: number, amount: Cents): void {
    this.advance(day);
    const allocation = this.dues.allocate(amount);
    this.outstandingPrincipal -= allocation.principal + allocation.remainder;
    this.billedInterest -= allocation.billedInterest;
    this.notePayment(day, amount);
  }

  /** Early settlement: pays the balance plus the interest of the period under way; returns the amount. */
  payOff(day: number): Cents {
    this.advance(day);
    const current = this.dues.dues.find((d) => !d.interestBilled);
    const amount = this.balance + (current?.interest ?? 0);
    this.dues.clear();
    this.outstandingPrincipal = 0;
    this.billedInterest = 0;
    this.notePayment(day, amount);
    return amount;
  }

  /** The statement of `instalment`, closed at the end of its due date. */
  closeStatement(instalment: ScheduledInstalment): Statement {
    const day = instalment.dueDay;
    this.advance(day);
    const scheduled = instalment.principal + instalment.interest;
    const statement: Statement = {
      periodStart: toDate(this.cycleStart),
      periodEnd: toDate(day),
      dueDate: toDate(day),
      minimumDue: toMoney(this.isChargedOff ? 0 : scheduled),
      totalDue: toMoney(this.isChargedOff ? this.balance : scheduled + this.carriedIntoCycle),
      amountPaidInMonth: toMoney(this.paidInCycle),
      amountBorrowedInMonth: toMoney(this.cycleStart === this.openedOnDay ? this.principal : 0),
      instalmentNumber: instalment.number,
      paymentHistory: this.paymentHistory(),
    };
    this.closeCycle(instalment);
    return statement;
  }

  /** The bookkeeping of a statement without the statement. */
  closeCycle(instalment: ScheduledInstalment): void {
    this.advance(instalment.dueDay);
    this.carriedIntoCycle = this.dues.outstanding(instalment.dueDay);
    this.paidInCycle = 0;
    this.cycleStart = instalment.dueDay + 1;
  }

  /** Interest of instalments whose due date has passed unpaid joins the balance the next day. */
  protected override advance(day: number): void {
    if (!this.isOpen) return;
    for (const due of this.dues.dues) {
      if (due.dueDay >= day) break;
      if (!due.interestBilled) {
        this.billedInterest += due.interest;
        due.interestBilled = true;
      }
    }
    super.advance(day);
  }
}

export const scheduledDueDates = (schedule: readonly ScheduledInstalment[]) => schedule.map((i) => toDate(i.dueDay));

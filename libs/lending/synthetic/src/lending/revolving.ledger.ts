import type { Statement } from '@furnish/shared-contracts';
import { toDate } from '../calendar/calendar';
import { AccountLedger, type AccountTerms } from './account-ledger';
import { roundCents, toMoney, units, type Cents } from './money';

/** How a revolving line bills: Huabei-like in China (10% minimum, due on the 10th), card-like in the US. */
export interface RevolvingPolicy {
  /** Interest on the part of a statement not repaid by the next statement. */
  readonly monthlyInterestRate: number;
  readonly minimumPaymentRate: number;
  /** A balance below this is due in full. */
  readonly minimumPaymentFloor: Cents;
  readonly dueDaysAfterStatement: number;
}

/**
 * A revolving credit line: purchases raise the balance up to the limit, each month-end statement
 * bills a minimum payment due some days later, interest accrues on what is carried over.
 */
export class RevolvingLedger extends AccountLedger {
  private balanceValue: Cents = 0;
  private highest: Cents = 0;
  private statementBalance: Cents = 0;
  private paidSinceStatement: Cents = 0;
  private borrowedInCycle: Cents = 0;

  constructor(
    terms: AccountTerms,
    openedOnDay: number,
    private limit: Cents,
    private readonly policy: RevolvingPolicy,
  ) {
    super(terms, openedOnDay);
  }

  get balance(): Cents {
    return this.balanceValue;
  }

  protected get creditLimit(): Cents {
    return this.limit;
  }

  protected get highestBalance(): Cents {
    return this.highest;
  }

  get limitAmount(): Cents {
    return this.limit;
  }

  availableCredit(): Cents {
    return Math.max(0, this.limit - this.balanceValue);
  }

  /** A line with an amount past due is frozen; closed and charged-off lines take no purchases. */
  canDraw(day: number, amount: Cents): boolean {
    return this.isOpen && this.pastDue(day).periods === 0 && amount > 0 && amount <= this.availableCredit();
  }

  draw(day: number, amount: Cents): void {
    if (!this.canDraw(day, amount)) throw new Error(`drawdown not allowed on ${this.terms.accountId}`);
    this.advance(day);
    this.balanceValue += amount;
    this.borrowedInCycle += amount;
    this.highest = Math.max(this.highest, this.balanceValue);
  }

  pay(day: number, amount: Cents): void {
    this.advance(day);
    this.dues.allocate(amount);
    this.balanceValue -= amount;
    this.paidSinceStatement += amount;
    this.notePayment(day, amount);
  }

  /** Still owed on the dues billed so far: the minimum payment, arrears included. */
  minimumOwed(): Cents {
    return Math.min(this.dues.outstanding(), this.balanceValue);
  }

  /** What is left to pay of the last statement's balance. */
  statementRemaining(): Cents {
    return Math.min(this.balanceValue, Math.max(0, this.statementBalance - this.paidSinceStatement));
  }

  changeLimit(limit: Cents): void {
    this.limit = limit;
  }

  /**
   * Closes the billing month on `day`: charges interest on what was carried over, bills the next
   * minimum payment (on top of anything still unpaid) and returns the statement.
   */
  closeStatement(day: number): Statement {
    const periodStart = this.cycleStart;
    const paid = this.paidInCycle;
    const borrowed = this.borrowedInCycle;
    const minimumDue = this.closeCycle(day);
    return {
      periodStart: toDate(periodStart),
      periodEnd: toDate(day),
      dueDate: toDate(day + this.policy.dueDaysAfterStatement),
      minimumDue: toMoney(minimumDue),
      totalDue: toMoney(this.statementBalance),
      amountPaidInMonth: toMoney(paid),
      amountBorrowedInMonth: toMoney(borrowed),
      instalmentNumber: null,
      paymentHistory: this.paymentHistory(),
    };
  }

  /** The bookkeeping of a statement without the statement; returns the minimum now due. */
  closeCycle(day: number): Cents {
    this.advance(day);
    let minimumDue = 0;
    if (!this.isChargedOff) {
      const carried = Math.max(0, this.statementBalance - this.paidSinceStatement);
      const interest = roundCents(carried * this.policy.monthlyInterestRate);
      this.balanceValue += interest;
      this.highest = Math.max(this.highest, this.balanceValue);
      const unbilled = this.balanceValue - this.dues.outstanding();
      const newMinimum =
        unbilled <= this.policy.minimumPaymentFloor ? Math.max(0, unbilled) : Math.max(this.policy.minimumPaymentFloor, roundCents(unbilled * this.policy.minimumPaymentRate));
      if (newMinimum > 0) {
        const interestPart = Math.min(interest, newMinimum);
        this.dues.add({ dueDay: day + this.policy.dueDaysAfterStatement, instalment: null, principal: newMinimum - interestPart, interest: interestPart, interestBilled: true });
      }
      minimumDue = this.dues.outstanding();
    }
    this.statementBalance = Math.max(0, this.balanceValue);
    this.paidSinceStatement = 0;
    this.borrowedInCycle = 0;
    this.paidInCycle = 0;
    this.cycleStart = day + 1;
    return minimumDue;
  }
}

export const revolvingPolicy = (monthlyInterestRate: number, minimumPaymentFloor: number, dueDaysAfterStatement: number): RevolvingPolicy => ({
  monthlyInterestRate,
  minimumPaymentRate: 0.1,
  minimumPaymentFloor: units(minimumPaymentFloor),
  dueDaysAfterStatement,
});

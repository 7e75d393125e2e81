import type { Account, AccountStatus, MonthEndStanding, OverdueInstalment, PaymentStanding } from '@furnish/shared-contracts';
import { monthOfDay, toDate } from '../calendar/calendar';
import { DueBook, type PastDue } from './due-book';
import { nullableMoney, toMoney, type Cents } from './money';
import { PAYMENT_HISTORY_MONTHS, standingOfDaysPastDue } from './payment-standing';

/** The parts of an Account that do not change during the month (the credit limit may; it lives in the ledger). */
export type AccountTerms = Pick<
  Account,
  | 'accountId'
  | 'productType'
  | 'currency'
  | 'openedOn'
  | 'maturityDate'
  | 'principal'
  | 'instalmentCount'
  | 'instalmentAmount'
  | 'scheduledDueDates'
  | 'repaymentMethod'
  | 'repaymentFrequency'
  | 'gracePeriodDays'
  | 'guaranteeType'
  | 'loanPurpose'
  | 'appliedAt'
  | 'applicationDistrictCode'
>;

/** Days past delinquency start at which the Date of First Delinquency is set (the schema: "first 30-day delinquency"). */
const FIRST_DELINQUENCY_DAYS = 30;

/**
 * The running state of one account, advanced by payments, drawdowns, statements and closure in
 * time order; `snapshot` is the account as an event carries it. Every figure of a snapshot is
 * derived from the same dues, so balance, amounts past due, days past due, status and the
 * month-end payment history cannot disagree.
 */
export abstract class AccountLedger {
  readonly dues = new DueBook();
  protected lastPaymentDay: number | null = null;
  protected lastPaymentAmount: Cents | null = null;
  protected closedOn: number | null = null;
  protected chargedOffAmount: Cents | null = null;
  protected chargedOffDay: number | null = null;
  protected firstDelinquencyDay: number | null = null;
  protected paidInCycle: Cents = 0;
  protected cycleStart: number;
  private readonly monthEndStandings: { readonly day: number; readonly standing: PaymentStanding }[] = [];

  protected constructor(
    readonly terms: AccountTerms,
    readonly openedOnDay: number,
  ) {
    this.cycleStart = openedOnDay;
  }

  abstract get balance(): Cents;
  protected abstract get creditLimit(): Cents | null;
  protected abstract get highestBalance(): Cents | null;

  get isClosed(): boolean {
    return this.closedOn !== null;
  }

  get isChargedOff(): boolean {
    return this.chargedOffAmount !== null;
  }

  get isOpen(): boolean {
    return !this.isClosed && !this.isChargedOff;
  }

  pastDue(day: number): PastDue {
    return this.dues.pastDue(day, this.terms.gracePeriodDays);
  }

  daysPastDue(day: number): number {
    const oldest = this.pastDue(day).oldestDueDay;
    return oldest === null ? 0 : day - oldest;
  }

  /** Epoch day the oldest unpaid past-due amount fell due; null when nothing is past due. */
  oldestPastDueDay(day: number): number | null {
    return this.pastDue(day).oldestDueDay;
  }

  /** Writes the account off: the balance stays owed and becomes wholly past due. */
  chargeOff(day: number): void {
    this.advance(day);
    this.chargedOffAmount = this.balance;
    this.chargedOffDay = day;
  }

  close(day: number): void {
    if (this.balance !== 0 || this.dues.dues.length > 0) throw new Error(`account ${this.terms.accountId} cannot close with a balance`);
    this.closedOn = day;
  }

  /** Standing at a month end, for the payment history of later statements. */
  recordMonthEnd(day: number): void {
    if (this.isClosed) return;
    this.advance(day);
    let standing: PaymentStanding;
    if (this.isChargedOff) standing = 'CHARGED_OFF';
    else if (this.balance <= 0 && this.dues.dues.length === 0) standing = 'ZERO_BALANCE';
    else standing = standingOfDaysPastDue(this.daysPastDue(day));
    this.monthEndStandings.push({ day, standing });
  }

  /** Month-end standings before the current month, most recent first, at most 24. */
  paymentHistory(): PaymentStanding[] {
    return this.monthEndStandings
      .slice(-PAYMENT_HISTORY_MONTHS)
      .reverse()
      .map((entry) => entry.standing);
  }

  /** account.paymentHistory: the standings recorded at month ends before the month of `day`, most recent first, at most 24. */
  monthEndHistory(day: number): MonthEndStanding[] {
    const monthStart = monthOfDay(day).first;
    return this.monthEndStandings
      .filter((entry) => entry.day < monthStart)
      .slice(-PAYMENT_HISTORY_MONTHS)
      .reverse()
      .map((entry) => ({ monthEnd: toDate(entry.day), standing: entry.standing }));
  }

  /**
   * account.overdueInstalments: what is unpaid of every due past its grace period on `day`, oldest
   * first; after a charge-off, the principal it made due at once is one more entry on that day.
   */
  overdueInstalments(day: number, principalPastDue: Cents): OverdueInstalment[] {
    const entries: OverdueInstalment[] = [];
    let listed = 0;
    for (const due of this.dues.dues) {
      if (day - due.dueDay <= this.terms.gracePeriodDays) break;
      // After a charge-off every later due is part of what it made due at once.
      if (this.chargedOffDay !== null && due.dueDay >= this.chargedOffDay) break;
      entries.push({ dueDate: toDate(due.dueDay), principalUnpaid: toMoney(due.principal), interestUnpaid: toMoney(due.interest) });
      listed += due.principal;
    }
    if (this.chargedOffDay !== null && principalPastDue > listed) {
      entries.push({ dueDate: toDate(this.chargedOffDay), principalUnpaid: toMoney(principalPastDue - listed), interestUnpaid: null });
    }
    return entries;
  }

  /** The account after everything up to `day`. */
  snapshot(day: number): Account {
    this.advance(day);
    const balance = this.balance;
    const pastDue = this.pastDue(day);
    let status: AccountStatus = 'CURRENT';
    let amountPastDue = 0;
    let principalPastDue = 0;
    let daysPastDue = 0;
    let periodsPastDue = 0;
    if (this.isClosed) {
      status = 'CLOSED';
    } else if (this.isChargedOff) {
      // Written off: the whole balance is due at once.
      status = 'CHARGED_OFF';
      amountPastDue = balance;
      let unpaidInterest = 0;
      for (const due of this.dues.dues) if (due.interestBilled) unpaidInterest += due.interest;
      principalPastDue = Math.max(0, balance - unpaidInterest);
      daysPastDue = pastDue.oldestDueDay === null ? 0 : day - pastDue.oldestDueDay;
      periodsPastDue = Math.max(1, pastDue.periods);
    } else if (pastDue.oldestDueDay !== null) {
      status = 'DELINQUENT';
      amountPastDue = pastDue.amount;
      principalPastDue = pastDue.principal;
      daysPastDue = day - pastDue.oldestDueDay;
      periodsPastDue = pastDue.periods;
    }
    const delinquent = status === 'DELINQUENT' || status === 'CHARGED_OFF';
    const t = this.terms;
    // Written out field by field, in schema order: one object shape for every snapshot (a spread plus extra fields is much slower).
    return {
      accountId: t.accountId,
      productType: t.productType,
      currency: t.currency,
      openedOn: t.openedOn,
      maturityDate: t.maturityDate,
      creditLimit: nullableMoney(this.creditLimit),
      principal: t.principal,
      instalmentCount: t.instalmentCount,
      instalmentAmount: t.instalmentAmount,
      scheduledDueDates: t.scheduledDueDates,
      repaymentMethod: t.repaymentMethod,
      repaymentFrequency: t.repaymentFrequency,
      gracePeriodDays: t.gracePeriodDays,
      guaranteeType: t.guaranteeType,
      loanPurpose: t.loanPurpose,
      appliedAt: t.appliedAt,
      applicationDistrictCode: t.applicationDistrictCode,
      balance: toMoney(balance),
      highestBalance: nullableMoney(this.highestBalance),
      amountPastDue: toMoney(amountPastDue),
      principalPastDue: toMoney(principalPastDue),
      daysPastDue,
      periodsPastDue,
      status,
      closedOn: this.closedOn === null ? null : toDate(this.closedOn),
      chargedOffAmount: nullableMoney(this.chargedOffAmount),
      dateOfFirstDelinquency: delinquent && this.firstDelinquencyDay !== null ? toDate(this.firstDelinquencyDay) : null,
      lastPaymentDate: this.lastPaymentDay === null ? null : toDate(this.lastPaymentDay),
      lastPaymentAmount: nullableMoney(this.lastPaymentAmount),
      overdueInstalments: this.isClosed ? [] : this.overdueInstalments(day, principalPastDue),
      paymentHistory: this.monthEndHistory(day),
    };
  }

  protected notePayment(day: number, amount: Cents): void {
    this.lastPaymentDay = day;
    this.lastPaymentAmount = amount;
    this.paidInCycle += amount;
  }

  /** Brings time-driven state up to `day`: billed interest (loans) and the first-delinquency date. */
  protected advance(day: number): void {
    if (this.isChargedOff || this.isClosed) return;
    const pastDue = this.pastDue(day);
    if (pastDue.oldestDueDay === null) this.firstDelinquencyDay = null;
    else if (this.firstDelinquencyDay === null && day - pastDue.oldestDueDay >= FIRST_DELINQUENCY_DAYS) {
      this.firstDelinquencyDay = pastDue.oldestDueDay + FIRST_DELINQUENCY_DAYS;
    }
  }
}

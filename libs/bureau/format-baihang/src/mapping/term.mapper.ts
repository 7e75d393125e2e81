import { addDays, type LocalDate } from '@furnish/shared-contracts';
import type { BaihangAccount } from '@furnish/shared-contracts';

export interface Term {
  readonly termNo: number;
  readonly dueDate: LocalDate;
}

/**
 * The instalment a payment on `date` is for, when the event does not say and nothing is overdue:
 * the first one due on or after the date less the grace period (an early or on-time payment pays
 * the next instalment), or the last one after the schedule ends [U].
 */
export function termAt(account: BaihangAccount, date: LocalDate): Term | null {
  const dates = account.scheduledDueDates;
  if (dates.length === 0) return null;
  const threshold = addDays(date, -account.gracePeriodDays);
  const index = dates.findIndex((due) => due >= threshold);
  const chosen = index < 0 ? dates.length - 1 : index;
  return { termNo: chosen + 1, dueDate: dates[chosen] };
}

/**
 * The term that is overdue on `day` (days past due > 0). With several overdue terms it is the
 * **oldest unpaid one**: the term days past due are counted from, so `overdueStatus` D<n> and
 * `targetRepaymentDate` + n days = the status day agree (payments settle the oldest term first,
 * so every later overdue term is younger). Its due date is `day − daysPastDue`; a schedule without
 * that date (the lender moved a due date) falls back to the latest term due on or before it.
 * Null when no scheduled term is due on or before it.
 */
export function overdueTermAt(account: BaihangAccount, day: LocalDate): Term | null {
  const oldestUnpaidDue = addDays(day, -account.daysPastDue);
  const dates = account.scheduledDueDates;
  let index = -1;
  for (let i = 0; i < dates.length && dates[i] <= oldestUnpaidDue; i++) index = i;
  return index < 0 ? null : { termNo: index + 1, dueDate: dates[index] };
}

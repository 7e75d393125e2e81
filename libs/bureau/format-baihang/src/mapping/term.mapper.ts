import { addDays, type LocalDate } from '@furnish/shared-contracts';
import type { BaihangAccount } from '@furnish/shared-contracts';

export interface Term {
  readonly termNo: number;
  readonly dueDate: LocalDate;
}

/**
 * The instalment a payment on `date` is for, when the event does not say: the first one due on or
 * after the date less the grace period (an early or on-time payment pays the next instalment), or
 * the last one after the schedule ends [U]. A late payment is attributed to the next instalment;
 * the statement's instalmentNumber, when there is a statement, is exact.
 */
export function termAt(account: BaihangAccount, date: LocalDate): Term | null {
  const dates = account.scheduledDueDates;
  if (dates.length === 0) return null;
  const threshold = addDays(date, -account.gracePeriodDays);
  const index = dates.findIndex((due) => due >= threshold);
  const chosen = index < 0 ? dates.length - 1 : index;
  return { termNo: chosen + 1, dueDate: dates[chosen] };
}

import { localDateFromEpochDay, type LocalDate } from '@furnish/shared-contracts';

/**
 * Calendar arithmetic on epoch days (days since 1970-01-01, UTC), the generator's internal date:
 * integers compare and subtract cheaply, and become LocalDate only in the events.
 */
export const MILLIS_PER_DAY = 86_400_000;
export const SECONDS_PER_DAY = 86_400;

/** A calendar month: its first and last epoch day and a running index (year × 12 + month − 1). */
export interface CalendarMonth {
  readonly year: number;
  /** 1-12. */
  readonly month: number;
  readonly index: number;
  readonly first: number;
  readonly last: number;
  /** 'YYYY-MM'. */
  readonly label: string;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses 'YYYY-MM' (years 1971-9998). */
export function parseMonth(text: string): CalendarMonth {
  const match = MONTH_PATTERN.exec(text);
  if (!match || Number(match[1]) < 1971 || Number(match[1]) > 9998) throw new RangeError(`expected a month written YYYY-MM, got '${text}'`);
  return monthOfIndex(Number(match[1]) * 12 + Number(match[2]) - 1);
}

export function monthOfIndex(index: number): CalendarMonth {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const first = epochDay(year, month, 1);
  const last = epochDay(year, month + 1, 1) - 1;
  return { year, month, index, first, last, label: `${year}-${String(month).padStart(2, '0')}` };
}

export const monthOfDay = (day: number): CalendarMonth => {
  const date = new Date(day * MILLIS_PER_DAY);
  return monthOfIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
};

export const addMonthsToMonth = (month: CalendarMonth, months: number): CalendarMonth => monthOfIndex(month.index + months);

/** Epoch day of a calendar date; month and day may overflow (month 13 = January next year). */
export function epochDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MILLIS_PER_DAY);
}

export const dayOfMonth = (day: number): number => new Date(day * MILLIS_PER_DAY).getUTCDate();

/** The same day of month `months` later, clamped to that month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const target = addMonthsToMonth(monthOfDay(day), months);
  return Math.min(target.first + dayOfMonth(day) - 1, target.last);
}

/** Day `dayInMonth` (1-based) of `month`, clamped to its last day. */
export const dayIn = (month: CalendarMonth, dayInMonth: number): number => Math.min(month.first + dayInMonth - 1, month.last);

/** Month ends from the month of `from` up to `until` (inclusive, epoch days), oldest first. */
export function monthEndsBetween(from: number, until: number): number[] {
  const ends: number[] = [];
  for (let m = monthOfDay(from); m.last <= until; m = addMonthsToMonth(m, 1)) ends.push(m.last);
  return ends;
}

const localDates = new Map<number, LocalDate>();

/** The LocalDate of an epoch day (memoised: a month of events uses a few hundred distinct days). */
export function toDate(day: number): LocalDate {
  let date = localDates.get(day);
  if (date === undefined) {
    date = localDateFromEpochDay(day);
    localDates.set(day, date);
  }
  return date;
}

export const instantOf = (day: number, secondOfDay: number): Date => new Date(day * MILLIS_PER_DAY + secondOfDay * 1000);

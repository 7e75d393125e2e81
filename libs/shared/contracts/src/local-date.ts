import { LogicalTypeError } from './errors';

declare const localDateBrand: unique symbol;

/** A calendar date without time or zone, 'YYYY-MM-DD' (years 0001-9999); the value of Avro `date`. */
export type LocalDate = string & { readonly [localDateBrand]: true };

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLIS_PER_DAY = 86_400_000;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Parses 'YYYY-MM-DD', rejecting dates that do not exist (2023-02-29, 2024-13-01). */
export function toLocalDate(text: string): LocalDate {
  if (!isLocalDate(text)) throw new LogicalTypeError('date', "expected a real calendar date written 'YYYY-MM-DD'");
  return text;
}

/** The calendar date of an instant in a time zone (UTC unless given), e.g. 'Asia/Shanghai'. */
export function localDateFromDate(instant: Date, timeZone = 'UTC'): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new LogicalTypeError('date', 'cannot take the date of an invalid Date');
  if (timeZone === 'UTC') return toLocalDate(instant.toISOString().slice(0, 10));
  return toLocalDate(dateFormatIn(timeZone).format(instant));
}

/** Building an Intl.DateTimeFormat costs ~100 µs; the formatters spent a quarter of their CPU on it. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DATE_FORMATS.set(timeZone, format);
  }
  return format;
}

/** Days since 1970-01-01, the Avro `date` encoding. */
export function epochDayOf(date: LocalDate): number {
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MILLIS_PER_DAY);
}

export function localDateFromEpochDay(epochDay: number): LocalDate {
  if (!Number.isSafeInteger(epochDay)) throw new LogicalTypeError('date', 'epoch day must be an integer');
  const utc = new Date(epochDay * MILLIS_PER_DAY);
  const year = utc.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) throw new LogicalTypeError('date', 'epoch day is outside years 0001-9999');
  return toLocalDate(`${String(year).padStart(4, '0')}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}`);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateFromEpochDay(epochDayOf(date) + days);
}

/** Negative, zero or positive; ISO dates also compare correctly as strings. */
export const compareLocalDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

import { localDateFromDate, type LocalDate } from '@furnish/shared-contracts';

/** The wall-clock time of an instant in a time zone, 'YYYY-MM-DDTHH:mm:ss' (no zone, as bureaus write it). */
export function localDateTimeIn(instant: Date, timeZone: string): string {
  const parts = dateTimeFormatIn(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

/** Building an Intl.DateTimeFormat costs ~100 µs, far more than formatting with one: keep one per zone. */
const DATE_TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = DATE_TIME_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    DATE_TIME_FORMATS.set(timeZone, format);
  }
  return format;
}

/** The calendar date of an instant in a time zone. */
export const localDateIn = (instant: Date, timeZone: string): LocalDate => localDateFromDate(instant, timeZone);

import { localDateFromDate, zoneOffsetMillis, type LocalDate } from '@furnish/shared-contracts';

/** The wall-clock time of an instant in a time zone, 'YYYY-MM-DDTHH:mm:ss' (no zone, as bureaus write it). */
export function localDateTimeIn(instant: Date, timeZone: string): string {
  const millis = instant.getTime();
  const wallClock = new Date(millis + zoneOffsetMillis(millis, timeZone));
  // Years 0001-9999, which every bureau date is (LocalDate), print as 'YYYY-MM-DDTHH:mm:ss.sssZ'.
  return `${localDateFromDate(wallClock)}T${wallClock.toISOString().slice(11, 19)}`;
}

/** The calendar date of an instant in a time zone. */
export const localDateIn = (instant: Date, timeZone: string): LocalDate => localDateFromDate(instant, timeZone);

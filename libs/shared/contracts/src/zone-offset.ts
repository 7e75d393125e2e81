/**
 * How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds (whole seconds).
 *
 * Hot in the formatters: every bureau record carries dates and times in the bureau's zone, and
 * asking Intl for the parts of each instant cost a fifth of their formatting time. A zone's offset
 * changes a few times a year at most, so it is asked once per UTC hour and zone and reused for every
 * instant of that hour. An hour whose two ends have different offsets holds a transition: its
 * instants are each asked separately (two transitions cancelling out within one hour exist in no zone).
 */
export function zoneOffsetMillis(epochMillis: number, timeZone: string): number {
  const hour = Math.floor(epochMillis / MILLIS_PER_HOUR);
  const offsets = offsetsOf(timeZone);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = hour * MILLIS_PER_HOUR;
    const atStart = offsetAskedOfIntl(start, timeZone);
    offset = atStart === offsetAskedOfIntl(start + MILLIS_PER_HOUR - 1, timeZone) ? atStart : TRANSITION_HOUR;
    if (offsets.size >= MAX_CACHED_HOURS_PER_ZONE) offsets.clear();
    offsets.set(hour, offset);
  }
  return Number.isNaN(offset) ? offsetAskedOfIntl(epochMillis, timeZone) : offset;
}

const MILLIS_PER_HOUR = 3_600_000;
/** Marks an hour with a transition in the cache (no zone is a NaN away from UTC; test it with Number.isNaN). */
const TRANSITION_HOUR = Number.NaN;
/** About three years of hours: a stage's events span days to months, so the cache rarely fills. */
const MAX_CACHED_HOURS_PER_ZONE = 26_304;

const OFFSETS_BY_ZONE = new Map<string, Map<number, number>>();
function offsetsOf(timeZone: string): Map<number, number> {
  let offsets = OFFSETS_BY_ZONE.get(timeZone);
  if (!offsets) OFFSETS_BY_ZONE.set(timeZone, (offsets = new Map()));
  return offsets;
}

/** The zone's wall-clock fields at the instant, read as if they were UTC, minus the instant (to the second). */
function offsetAskedOfIntl(epochMillis: number, timeZone: string): number {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  let beforeCommonEra = false;
  for (const part of wallClockIn(timeZone).formatToParts(epochMillis)) {
    if (part.type === 'era') beforeCommonEra = part.value === 'BC';
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  // Year 1 BC is year 0 of Date (astronomical numbering); setUTCFullYear, because Date.UTC reads 0-99 as 1900-1999.
  const wallClock = new Date(Date.UTC(2000, 0, 1, fields.hour!, fields.minute!, fields.second!));
  wallClock.setUTCFullYear(beforeCommonEra ? 1 - fields.year! : fields.year!, fields.month! - 1, fields.day!);
  return wallClock.getTime() - (epochMillis - mod(epochMillis, 1_000));
}

const mod = (n: number, m: number): number => ((n % m) + m) % m;

/** Building an Intl.DateTimeFormat costs ~100 µs, far more than formatting with one: one per zone. */
const WALL_CLOCKS = new Map<string, Intl.DateTimeFormat>();
function wallClockIn(timeZone: string): Intl.DateTimeFormat {
  let format = WALL_CLOCKS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    WALL_CLOCKS.set(timeZone, format);
  }
  return format;
}

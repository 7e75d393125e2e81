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
  const zone = zoneOf(timeZone);
  const hour = Math.floor(epochMillis / MILLIS_PER_HOUR);
  let offset = zone.offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * MILLIS_PER_HOUR;
    const atStart = offsetAskedOfIntl(zone.wallClock, start);
    offset = atStart === offsetAskedOfIntl(zone.wallClock, start + MILLIS_PER_HOUR - 1) ? atStart : TRANSITION_HOUR;
    if (zone.offsetByHour.size >= MAX_CACHED_HOURS_PER_ZONE) zone.offsetByHour.clear();
    zone.offsetByHour.set(hour, offset);
  }
  return Number.isNaN(offset) ? offsetAskedOfIntl(zone.wallClock, epochMillis) : offset;
}

const MILLIS_PER_HOUR = 3_600_000;
/** Marks an hour with a transition in the cache (no zone is a NaN away from UTC; test it with Number.isNaN). */
const TRANSITION_HOUR = Number.NaN;
/** About three years of hours: a stage's events span days to months, so the cache rarely fills. */
const MAX_CACHED_HOURS_PER_ZONE = 26_304;

/** Per zone: its Intl wall clock (building one costs ~100 µs, far more than formatting with it) and the offsets asked of it. */
interface Zone {
  readonly wallClock: Intl.DateTimeFormat;
  readonly offsetByHour: Map<number, number>;
}
const ZONES = new Map<string, Zone>();
function zoneOf(timeZone: string): Zone {
  let zone = ZONES.get(timeZone);
  if (!zone) {
    const wallClock = new Intl.DateTimeFormat('en-US', {
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
    ZONES.set(timeZone, (zone = { wallClock, offsetByHour: new Map() }));
  }
  return zone;
}

/** The zone's wall-clock fields at the instant, read as if they were UTC, minus the instant (to the second). */
function offsetAskedOfIntl(zoneFormat: Intl.DateTimeFormat, epochMillis: number): number {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  let beforeCommonEra = false;
  for (const part of zoneFormat.formatToParts(epochMillis)) {
    if (part.type === 'era') beforeCommonEra = part.value === 'BC';
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  // Year 1 BC is year 0 of Date (astronomical numbering); setUTCFullYear, because Date.UTC reads 0-99 as 1900-1999.
  const wallClock = new Date(Date.UTC(2000, 0, 1, fields.hour!, fields.minute!, fields.second!));
  wallClock.setUTCFullYear(beforeCommonEra ? 1 - fields.year! : fields.year!, fields.month! - 1, fields.day!);
  return wallClock.getTime() - Math.floor(epochMillis / 1_000) * 1_000;
}

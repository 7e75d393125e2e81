import fc from 'fast-check';
import { LogicalTypeError } from './errors';
import { localDateFromDate } from './local-date';
import { zoneOffsetMillis } from './zone-offset';

/** Zones with whole-hour, half-hour and 45-minute offsets, northern and southern DST, a 30-minute DST shift, and none. */
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];

/**
 * The wall clock of an instant as Intl prints it, with nothing of zone-offset.ts: Swedish writes
 * 'YYYY-MM-DD HH:mm:ss'. The oracle the cached offsets must agree with, instant by instant.
 */
const wallClockOfIntl = (epochMillis: number, timeZone: string): string => swedishClockIn(timeZone).format(epochMillis).replace(' ', 'T');
const SWEDISH_CLOCKS = new Map<string, Intl.DateTimeFormat>();
const swedishClockIn = (timeZone: string): Intl.DateTimeFormat =>
  SWEDISH_CLOCKS.get(timeZone) ??
  SWEDISH_CLOCKS.set(timeZone, new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })).get(timeZone)!;

const wallClockOf = (epochMillis: number, timeZone: string): string => new Date(epochMillis + zoneOffsetMillis(epochMillis, timeZone)).toISOString().slice(0, 19);

describe('zoneOffsetMillis', () => {
  it('gives the offsets of a hand-checked table', () => {
    const hours = (h: number) => h * 3_600_000;
    expect(zoneOffsetMillis(Date.parse('2024-05-31T16:05:09.500Z'), 'Asia/Shanghai')).toBe(hours(8));
    expect(zoneOffsetMillis(Date.parse('2024-01-15T12:00:00Z'), 'America/New_York')).toBe(hours(-5));
    expect(zoneOffsetMillis(Date.parse('2024-07-15T12:00:00Z'), 'America/New_York')).toBe(hours(-4));
    expect(zoneOffsetMillis(Date.parse('2024-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(hours(5.75));
    expect(zoneOffsetMillis(Date.parse('2024-01-15T12:00:00Z'), 'Australia/Lord_Howe')).toBe(hours(11));
    expect(zoneOffsetMillis(Date.parse('2024-07-15T12:00:00Z'), 'Australia/Lord_Howe')).toBe(hours(10.5));
  });

  it('switches at the transition instant, inside the hour that holds it', () => {
    // New York sprang forward at 2024-03-10 02:00 EST = 07:00Z; Lord Howe went back half an hour at 2024-04-07 02:00 local = 2024-04-06 15:00Z.
    expect(wallClockOf(Date.parse('2024-03-10T06:59:59.999Z'), 'America/New_York')).toBe('2024-03-10T01:59:59');
    expect(wallClockOf(Date.parse('2024-03-10T07:00:00.000Z'), 'America/New_York')).toBe('2024-03-10T03:00:00');
    expect(wallClockOf(Date.parse('2024-04-06T14:59:59Z'), 'Australia/Lord_Howe')).toBe('2024-04-07T01:59:59');
    expect(wallClockOf(Date.parse('2024-04-06T15:00:00Z'), 'Australia/Lord_Howe')).toBe('2024-04-07T01:30:00');
  });

  it('agrees with Intl for every instant, whatever the cache already holds', () => {
    const year = 365.25 * 86_400_000;
    const anInstant = fc.oneof(
      // Around the transitions of the years events carry, to the millisecond.
      fc.integer({ min: Date.parse('2019-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') }),
      // Anywhere from 1900 to 2100: tzdata's history, the hours before and after offsets changed.
      fc.integer({ min: Math.round(-70 * year), max: Math.round(130 * year) }),
    );
    fc.assert(
      fc.property(anInstant, fc.constantFrom(...ZONES), (epochMillis, zone) => {
        expect(wallClockOf(epochMillis, zone)).toBe(wallClockOfIntl(epochMillis, zone));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Intl at every second around a year of transitions', () => {
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Europe/London']) {
      const transitions = transitionsIn(2024, zone);
      expect(transitions.length).toBe(2);
      for (const at of transitions) {
        for (let s = -3_600; s <= 3_600; s += 1) expect(wallClockOf(at + s * 1_000, zone)).toBe(wallClockOfIntl(at + s * 1_000, zone));
      }
    }
  });

  it('is what localDateFromDate takes the calendar date in a zone by', () => {
    expect(localDateFromDate(new Date('2024-05-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2024-05-31');
    expect(localDateFromDate(new Date('2024-05-31T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2024-06-01');
    // Still 0000-12-31 in New York, outside years 0001-9999.
    expect(() => localDateFromDate(new Date('0001-01-01T00:00:00Z'), 'America/New_York')).toThrow(LogicalTypeError);
  });

  it('refuses a zone that does not exist, as Intl does', () => {
    expect(() => zoneOffsetMillis(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

/** The instants (to the second) of a year at which the zone's offset changes, found by Intl alone. */
function transitionsIn(year: number, zone: string): number[] {
  const offsetOf = (t: number) => Date.parse(`${wallClockOfIntl(t, zone)}Z`) - (t - (t % 1_000));
  const found: number[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3_600_000) {
    if (offsetOf(t) === offsetOf(t + 3_600_000)) continue;
    let [low, high] = [t, t + 3_600_000];
    while (high - low > 1_000) {
      const mid = low + Math.floor((high - low) / 2_000) * 1_000;
      if (offsetOf(mid) === offsetOf(low)) low = mid;
      else high = mid;
    }
    found.push(high);
  }
  return found;
}

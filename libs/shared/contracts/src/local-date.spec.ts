import fc from 'fast-check';
import { LogicalTypeError } from './errors';
import { addDays, epochDayOf, isLocalDate, localDateFromDate, localDateFromEpochDay, toLocalDate, type LocalDate } from './local-date';

const FIRST_DAY = -719_162; // 0001-01-01
const LAST_DAY = 2_932_896; // 9999-12-31

describe('LocalDate', () => {
  it.each(['2024-02-29', '2000-02-29', '1970-01-01', '0001-01-01', '9999-12-31', '2023-04-30'])('accepts the real date %s', (text) => {
    expect(isLocalDate(text)).toBe(true);
    expect(toLocalDate(text)).toBe(text);
  });

  it.each(['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '0000-01-01', '2024-1-01', '20240101', '2024-01-01T00:00:00Z', ''])(
    'rejects %j',
    (text) => {
      expect(isLocalDate(text)).toBe(false);
      expect(() => toLocalDate(text)).toThrow(LogicalTypeError);
    },
  );

  it('rejects non-strings', () => {
    expect(isLocalDate(20240101)).toBe(false);
    expect(isLocalDate(new Date())).toBe(false);
  });

  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['0001-01-01', -719162],
    ['9999-12-31', 2932896],
  ])('%s is epoch day %d and back', (text, day) => {
    expect(epochDayOf(toLocalDate(text))).toBe(day);
    expect(localDateFromEpochDay(day)).toBe(text);
  });

  it('refuses epoch days outside years 1-9999', () => {
    expect(() => localDateFromEpochDay(2932897)).toThrow(LogicalTypeError);
    expect(() => localDateFromEpochDay(1.5)).toThrow(LogicalTypeError);
  });

  it('takes the calendar date of an instant in UTC or a given zone', () => {
    const instant = new Date('2024-06-30T18:00:00Z');
    expect(localDateFromDate(instant)).toBe('2024-06-30');
    expect(localDateFromDate(instant, 'Asia/Shanghai')).toBe('2024-07-01');
    expect(localDateFromDate(instant, 'America/Chicago')).toBe('2024-06-30');
    expect(() => localDateFromDate(new Date('nope'))).toThrow(LogicalTypeError);
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays(toLocalDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(toLocalDate('2024-03-01'), -1)).toBe('2024-02-29');
    expect(addDays(toLocalDate('2023-12-31'), 1)).toBe('2024-01-01');
  });

  it('is one-to-one and in order: every epoch day of years 0001-9999 gives the next real date and back', () => {
    let previous = '';
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const date = localDateFromEpochDay(day);
      if (!(date > previous && isLocalDate(date) && epochDayOf(date) === day)) throw new Error(`epoch day ${day} gave ${date} after ${previous}`);
      previous = date;
    }
    expect(previous).toBe('9999-12-31');
  });
});

/**
 * The implementation before the arithmetic rewrite (regex, Number(), Date), kept as the reference that the fast one must agree
 * with, errors included.
 */
const reference = {
  isLocalDate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    const days = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    return day <= days;
  },
  toLocalDate(text: string): string {
    if (!reference.isLocalDate(text)) throw new LogicalTypeError('date', "expected a real calendar date written 'YYYY-MM-DD'");
    return text;
  },
  epochDayOf(date: string): number {
    const [year, month, day] = date.split('-').map(Number);
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    return Math.round(utc.getTime() / 86_400_000);
  },
  localDateFromEpochDay(epochDay: number): string {
    if (!Number.isSafeInteger(epochDay)) throw new LogicalTypeError('date', 'epoch day must be an integer');
    const utc = new Date(epochDay * 86_400_000);
    const year = utc.getUTCFullYear();
    if (Number.isNaN(year) || year < 1 || year > 9999) throw new LogicalTypeError('date', 'epoch day is outside years 0001-9999');
    const pad2 = (n: number): string => String(n).padStart(2, '0');
    return reference.toLocalDate(`${String(year).padStart(4, '0')}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}`);
  },
  localDateFromDate(instant: Date): string {
    if (Number.isNaN(instant.getTime())) throw new LogicalTypeError('date', 'cannot take the date of an invalid Date');
    return reference.toLocalDate(instant.toISOString().slice(0, 10));
  },
};

/** The value, or the class and message of what was thrown, so results and errors compare alike. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { threw: (error as Error).constructor.name, message: (error as Error).message };
  }
}

const anEpochDay = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
/** Strings shaped like 'YYYY-MM-DD' and near misses: any 4/2/2 digits, other separators and lengths, padding, stray characters. */
const nearlyALocalDate = fc.oneof(
  fc.tuple(digits(4), fc.constantFrom('-', '/', '.', ' '), digits(2), fc.constantFrom('-', '-', '/'), digits(2)).map((parts) => parts.join('')),
  fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc
    .tuple(anEpochDay.map((day) => reference.localDateFromEpochDay(day)), fc.nat(9), fc.string({ maxLength: 1 }))
    .map(([date, at, replacement]) => date.slice(0, at) + replacement + date.slice(at + 1)),
  fc.tuple(anEpochDay.map((day) => reference.localDateFromEpochDay(day)), fc.string({ maxLength: 2 }), fc.string({ maxLength: 2 })).map(([date, before, after]) => before + date + after),
  fc.string({ maxLength: 12 }),
);

describe('LocalDate agrees with the reference implementation', () => {
  it.each([
    '2023-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '2400-02-29', '0004-02-29', '0100-02-29', '0000-01-01', '0000-02-29',
    '0001-01-01', '9999-12-31', '2024-1-01', ' 2024-01-01', '2024-01-01 ', '2024-01-01\n', '２０２４-01-01', '+024-01-01', '2024-01-0a',
    '2024-0:-01', '2024-01-/1', '2024_01_01', '-202-01-01',
  ])('isLocalDate(%j)', (text) => {
    expect(isLocalDate(text)).toBe(reference.isLocalDate(text));
  });

  it('isLocalDate on strings near the format', () => {
    fc.assert(
      fc.property(nearlyALocalDate, (text) => {
        expect(isLocalDate(text)).toBe(reference.isLocalDate(text));
      }),
      { numRuns: 10_000 },
    );
  });

  it('epochDayOf and localDateFromEpochDay on every range of years', () => {
    fc.assert(
      fc.property(anEpochDay, (day) => {
        const date = reference.localDateFromEpochDay(day) as LocalDate;
        expect(localDateFromEpochDay(day)).toBe(date);
        expect(epochDayOf(date)).toBe(reference.epochDayOf(date));
        expect(epochDayOf(date)).toBe(day);
      }),
      { numRuns: 2_000 },
    );
  });

  it('localDateFromEpochDay refuses what it refused, with the same error', () => {
    const anyDay = fc.oneof(
      fc.integer({ min: FIRST_DAY - 1000, max: LAST_DAY + 1000 }),
      fc.constantFrom(FIRST_DAY - 1, LAST_DAY + 1, -0, 1e8, 1e8 + 1, -1e8 - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, NaN, Infinity, -Infinity, 0.5, -1.5),
      fc.double(),
    );
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(outcome(() => localDateFromEpochDay(day))).toEqual(outcome(() => reference.localDateFromEpochDay(day)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('localDateFromDate in UTC, around midnight and past the ends of years 0001-9999', () => {
    const midnight = (day: number) => day * 86_400_000;
    const anInstant = fc.oneof(
      fc.tuple(fc.integer({ min: FIRST_DAY - 400, max: LAST_DAY + 400 }), fc.integer({ min: -2, max: 2 })).map(([day, ms]) => new Date(midnight(day) + ms)),
      fc.date({ noInvalidDate: true }),
      fc.constantFrom(new Date(8.64e15), new Date(-8.64e15), new Date(midnight(FIRST_DAY) - 1), new Date(midnight(LAST_DAY + 1)), new Date(midnight(LAST_DAY + 1) - 1), new Date(NaN)),
    );
    fc.assert(
      fc.property(anInstant, (instant) => {
        expect(outcome(() => localDateFromDate(instant))).toEqual(outcome(() => reference.localDateFromDate(instant)));
      }),
      { numRuns: 5_000 },
    );
  });
});

import { LogicalTypeError } from './errors';
import { addDays, epochDayOf, isLocalDate, localDateFromDate, localDateFromEpochDay, toLocalDate } from './local-date';

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
});

import fc from 'fast-check';
import { addMonths, dayOfMonth, epochDay, monthEndsBetween, monthOfDay, parseMonth, toDate } from './calendar';

describe('calendar', () => {
  it('parses YYYY-MM into its first and last day', () => {
    const february = parseMonth('2028-02');
    expect([toDate(february.first), toDate(february.last), february.label]).toEqual(['2028-02-01', '2028-02-29', '2028-02']);
    expect(toDate(parseMonth('2026-12').last)).toBe('2026-12-31');
  });

  it.each(['2026-13', '2026-1', '26-10', '2026-00', 'October'])('refuses %s', (text) => {
    expect(() => parseMonth(text)).toThrow(RangeError);
  });

  it('adds months keeping the day, clamped to the end of shorter months', () => {
    expect(toDate(addMonths(epochDay(2026, 1, 31), 1))).toBe('2026-02-28');
    expect(toDate(addMonths(epochDay(2028, 1, 31), 1))).toBe('2028-02-29');
    expect(toDate(addMonths(epochDay(2026, 11, 15), 3))).toBe('2027-02-15');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -60, max: 60 }), (day, months) => {
        const moved = addMonths(day, months);
        expect(monthOfDay(moved).index).toBe(monthOfDay(day).index + months);
        expect(dayOfMonth(moved)).toBe(Math.min(dayOfMonth(day), dayOfMonth(monthOfDay(moved).last)));
      }),
    );
  });

  it('lists the month ends between two days', () => {
    expect(monthEndsBetween(epochDay(2026, 8, 15), epochDay(2026, 10, 31)).map(toDate)).toEqual(['2026-08-31', '2026-09-30', '2026-10-31']);
  });
});

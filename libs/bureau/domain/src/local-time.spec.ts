import { localDateIn, localDateTimeIn } from './local-time';

describe('local time', () => {
  const instant = new Date('2024-05-31T16:05:09.500Z');

  it('formats an instant as wall-clock time in a zone', () => {
    expect(localDateTimeIn(instant, 'UTC')).toBe('2024-05-31T16:05:09');
    expect(localDateTimeIn(instant, 'Asia/Shanghai')).toBe('2024-06-01T00:05:09');
    expect(localDateTimeIn(new Date('2024-01-01T00:00:00Z'), 'America/New_York')).toBe('2023-12-31T19:00:00');
    // Either side of New York's spring-forward (02:00 EST → 03:00 EDT).
    expect(localDateTimeIn(new Date('2024-03-10T06:59:59.999Z'), 'America/New_York')).toBe('2024-03-10T01:59:59');
    expect(localDateTimeIn(new Date('2024-03-10T07:00:00Z'), 'America/New_York')).toBe('2024-03-10T03:00:00');
  });

  it('takes the calendar date in a zone', () => {
    expect(localDateIn(instant, 'Asia/Shanghai')).toBe('2024-06-01');
    expect(localDateIn(instant, 'UTC')).toBe('2024-05-31');
  });
});

import { parseCoverageArgs } from './coverage-args';

describe('parseCoverageArgs', () => {
  it('turns a month into its first instant and the next month’s (UTC), across a year end', () => {
    expect(parseCoverageArgs(['--month', '2026-12'])).toEqual({ month: '2026-12', from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), json: false });
    expect(parseCoverageArgs(['--month', '2026-02', '--json']).json).toBe(true);
  });

  it.each([[[]], [['--month', '2026-13']], [['--month', '26-01']], [['--month']], [['--monht', '2026-01']], [['2026-01']]])('refuses %j naming what is wrong', (argv) => {
    expect(() => parseCoverageArgs(argv)).toThrow(/--month|Unknown option|argument/);
  });
});

import { CHAOS_PROFILES, parseChaosArgs } from './chaos-args';

describe('parseChaosArgs', () => {
  it('runs the short profile by default with a seed taken from the clock', () => {
    expect(parseChaosArgs([], new Date(36 ** 3))).toEqual({ profileName: 'short', profile: CHAOS_PROFILES.short, seed: 'chaos-1000', month: '2026-10' });
  });

  it('meets the issue\'s bar in the long profile: at least 100 kills and 10,000 hostile inputs', () => {
    const { profile } = parseChaosArgs(['--long']);
    expect(profile.kills).toBeGreaterThanOrEqual(100);
    expect(profile.hostile).toBeGreaterThanOrEqual(10_000);
    expect(profile.brokerRestarts * profile.registryRestarts * profile.databaseOutages * profile.scalings).toBeGreaterThan(0);
  });

  it('overrides single counts of a profile', () => {
    expect(parseChaosArgs(['--long', '--kills', '7', '--seed', 's']).profile).toEqual({ ...CHAOS_PROFILES.long, kills: 7 });
  });

  it.each([
    [['--kills=-1'], '--kills must be a whole number from 0 to 10000'],
    [['--borrowers', '1.5'], '--borrowers must be a whole number from 1 to 100000'],
    [['--month', '2026-13'], '--month must be YYYY-MM'],
    [['--fast'], "Unknown option '--fast'"],
  ])('refuses %j naming the argument', (argv, message) => {
    expect(() => parseChaosArgs(argv)).toThrow(message);
  });
});

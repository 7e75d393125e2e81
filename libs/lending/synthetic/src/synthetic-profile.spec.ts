import { generateSyntheticMonth } from './synthetic-month.generator';
import { DEFAULT_PROFILE, resolveProfile } from './synthetic-profile';

describe('resolveProfile', () => {
  it('merges weight tables key by key and keeps the defaults elsewhere', () => {
    const profile = resolveProfile({ usBorrowerShare: 0.5, revolvingStories: { transactor: 0 } });
    expect(profile.usBorrowerShare).toBe(0.5);
    expect(profile.consentShare).toBe(DEFAULT_PROFILE.consentShare);
    expect(profile.revolvingStories).toEqual({ ...DEFAULT_PROFILE.revolvingStories, transactor: 0 });
  });

  it.each([-0.1, 1.5, Number.NaN])('refuses a share of %s', (share) => {
    expect(() => resolveProfile({ consentShare: share })).toThrow(RangeError);
  });

  it('steers the generator', () => {
    const month = generateSyntheticMonth({
      borrowers: 120,
      seed: 'profile',
      month: '2026-10',
      profile: { usBorrowerShare: 1, consentShare: 0, products: { revolving: 0, both: 0 }, instalmentStories: { new: 0, 'on-time': 0 } },
    });
    expect(month.summary.borrowersByCountry).toEqual({ CN: 0, US: 120 });
    expect(month.consentEvents).toEqual([]);
    expect(month.summary.accountsByProduct).toEqual({ REVOLVING_LINE: 0, INSTALMENT_LOAN: 120 });
    expect(Object.keys(month.summary.accountsByStory)).not.toContain('INSTALMENT_LOAN/on-time');
    expect(month.loanEvents.every((e) => e.account.currency === 'USD')).toBe(true);
  });
});

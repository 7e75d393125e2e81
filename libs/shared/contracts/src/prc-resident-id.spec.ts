import { isValidPrcResidentId, prcResidentIdCheckCharacter } from './prc-resident-id';

describe('PRC resident id (GB 11643)', () => {
  it('computes the check character, including X for 10', () => {
    // Example from GB 11643-1999.
    expect(prcResidentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidPrcResidentId('11010519491231002X')).toBe(true);
    expect(prcResidentIdCheckCharacter('44052418800101001')).toBe('4');
  });

  it.each([
    ['a wrong check character', '110105194912310021'],
    ['a lower-case x', '11010519491231002x'],
    ['an impossible birth date', '110105194902300024'],
    ['a birth year before 1901', '110105190012310026'],
    ['17 characters', '11010519491231002'],
  ])('rejects %s', (_why, id) => {
    expect(isValidPrcResidentId(id)).toBe(false);
  });
});

import { fitToWidth, metro2AddressText, metro2Name } from './metro2-text';

describe('Metro 2 text', () => {
  it('folds diacritics and spells out letters without a decomposition', () => {
    expect(metro2Name('José Müller-Straße')).toEqual({ text: 'JOSE MULLER-STRASSE' });
    expect(metro2Name('Łukasz Ørsted')).toEqual({ text: 'LUKASZ ORSTED' });
  });

  it('drops apostrophes, periods and commas from names, keeps hyphens', () => {
    expect(metro2Name("  O'Brien,  Jr. ")).toEqual({ text: 'OBRIEN JR' });
  });

  it('rejects what it cannot transliterate, saying why', () => {
    expect(metro2Name('王小明').problem).toBe('non-ascii');
    expect(metro2Name('R2-D2').problem).toBe('invalid-character');
    expect(metro2AddressText('西湖区文三路90号').problem).toBe('non-ascii');
  });

  it('keeps the punctuation moov allows in addresses', () => {
    expect(metro2AddressText('123 Main St., Apt #4B')).toEqual({ text: '123 MAIN ST., APT #4B' });
  });

  it('cuts free text at a blank to fit a field', () => {
    expect(fitToWidth('1234 AVENUE OF THE AMERICAS SUITE 500', 32)).toBe('1234 AVENUE OF THE AMERICAS');
    expect(fitToWidth('ABCDEFGHIJ', 4)).toBe('ABCD');
    expect(fitToWidth('SHORT', 20)).toBe('SHORT');
  });
});

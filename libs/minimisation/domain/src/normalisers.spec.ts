import fc from 'fast-check';
import { prcResidentIdCheckCharacter, type IdType } from '@furnish/shared-contracts';
import { aLoanEvent, aBorrower } from '@furnish/shared-contracts/testing';
import type { MinimiserInput } from './minimiser-input';
import { normalise, type Normaliser } from './normalisers';

const inputWith = (idType: IdType): MinimiserInput => ({ ...aLoanEvent({ borrower: aBorrower({ idType }) }), consent: { consentId: 'C', version: 1 } });
const PRC = inputWith('PRC_RESIDENT_ID');
const SSN = inputWith('US_SSN');
const PASSPORT = inputWith('PASSPORT');
const ID_WITH_X = (() => {
  // A resident id whose check character is X, to test the casing rule.
  for (let seq = 100; seq < 999; seq++) {
    const first17 = `11010519491231${seq}`;
    if (prcResidentIdCheckCharacter(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no X check character found');
})();

const value = (v: string) => ({ kind: 'value', value: v });
const absent = { kind: 'absent' };
const malformed = expect.objectContaining({ kind: 'malformed' });

describe('normalisers', () => {
  it.each<[string, Normaliser, string, MinimiserInput, unknown]>([
    ['trim: surrounding and repeated white space', { kind: 'trim' }, '  王  小明\u3000', PRC, value('王 小明')],
    ['trim: blank is absent', { kind: 'trim' }, ' \t ', PRC, absent],
    ['PRC id: lower-case x and separators', { kind: 'prc-resident-id' }, ` ${ID_WITH_X.slice(0, 6)}-${ID_WITH_X.slice(6).toLowerCase()} `, PRC, value(ID_WITH_X)],
    ['PRC id: wrong check character', { kind: 'prc-resident-id' }, `${ID_WITH_X.slice(0, 17)}1`, PRC, malformed],
    ['PRC id: 15-digit first-generation number', { kind: 'prc-resident-id' }, '110105491231002', PRC, malformed],
    ['PRC id: another document type', { kind: 'prc-resident-id' }, ID_WITH_X, PASSPORT, malformed],
    ['identity number: PRC id checked', { kind: 'identity-number' }, ID_WITH_X.toLowerCase(), PRC, value(ID_WITH_X)],
    ['identity number: SSN digits only', { kind: 'identity-number' }, '123-45-6789', SSN, value('123456789')],
    ['identity number: passport upper case, no spaces', { kind: 'identity-number' }, ' e1234 5678 ', PASSPORT, value('E12345678')],
    ['SSN: separators removed', { kind: 'us-ssn' }, '123 45 6789', SSN, value('123456789')],
    ['SSN: all nines', { kind: 'us-ssn' }, '999-99-9999', SSN, malformed],
    ['SSN: too short', { kind: 'us-ssn' }, '12345678', SSN, malformed],
    ['SSN: the number of another document is withheld', { kind: 'us-ssn' }, ID_WITH_X, PRC, absent],
    ['phone +86: E.164 kept', { kind: 'phone', defaultCountryCode: '86' }, '+8613800138000', PRC, value('+8613800138000')],
    ['phone +86: national mobile with separators', { kind: 'phone', defaultCountryCode: '86' }, '138-0013 8000', PRC, value('+8613800138000')],
    ['phone +86: 00 international prefix', { kind: 'phone', defaultCountryCode: '86' }, '0086 138 0013 8000', PRC, value('+8613800138000')],
    ['phone +86: landline loses the trunk 0', { kind: 'phone', defaultCountryCode: '86' }, '(0571) 8888-8888', PRC, value('+8657188888888')],
    ['phone +86: mainland mobile only', { kind: 'phone', defaultCountryCode: '86', only: 'mainland-mobile' }, '0571 8888 8888', PRC, malformed],
    ['phone +86: a US number is not a mainland mobile', { kind: 'phone', defaultCountryCode: '86', only: 'mainland-mobile' }, '+1 415 555 0123', PRC, malformed],
    ['phone +1: 10-digit national', { kind: 'phone', defaultCountryCode: '1' }, '(415) 555-0123', SSN, value('+14155550123')],
    ['phone +1: trunk 1', { kind: 'phone', defaultCountryCode: '1' }, '1 415 555 0123', SSN, value('+14155550123')],
    ['phone: letters', { kind: 'phone', defaultCountryCode: '1' }, 'call me', SSN, malformed],
    ['phone: blank', { kind: 'phone', defaultCountryCode: '1' }, ' - ', SSN, absent],
    ['code: trimmed, upper case', { kind: 'code', pattern: /^[0-9A-Z]{14}$/, expected: '14 characters' }, ' f110105000001a ', PRC, value('F110105000001A')],
    ['code: wrong length', { kind: 'code', pattern: /^[0-9A-Z]{14}$/, expected: '14 characters' }, 'F1101', PRC, { kind: 'malformed', expected: '14 characters' }],
  ])('%s', (_title, normaliser, raw, input, expected) => {
    expect(normalise(normaliser, raw, input)).toEqual(expected);
  });

  it('never quotes the value in what it reports', () => {
    const normalisers: Normaliser[] = [
      { kind: 'trim' },
      { kind: 'identity-number' },
      { kind: 'prc-resident-id' },
      { kind: 'us-ssn' },
      { kind: 'phone', defaultCountryCode: '86', only: 'mainland-mobile' },
      { kind: 'phone', defaultCountryCode: '1' },
      { kind: 'code', pattern: /^[A-Z]{3}$/, expected: 'three letters' },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...normalisers), fc.constantFrom(PRC, SSN, PASSPORT), fc.string({ minLength: 4 }).map((s) => `Q${s}Z`), (normaliser, input, raw) => {
        const outcome = normalise(normaliser, raw, input);
        if (outcome.kind === 'malformed') expect(outcome.expected).not.toContain(raw);
      }),
    );
  });

  it('is idempotent: a normalised value normalises to itself', () => {
    const cases: [Normaliser, MinimiserInput, fc.Arbitrary<string>][] = [
      [{ kind: 'trim' }, PRC, fc.string()],
      [{ kind: 'phone', defaultCountryCode: '86' }, PRC, fc.stringMatching(/^(\+|00)?[\d \-()]{0,20}$/)],
      [{ kind: 'phone', defaultCountryCode: '1' }, SSN, fc.stringMatching(/^(\+|00)?[\d \-()]{0,20}$/)],
      [{ kind: 'us-ssn' }, SSN, fc.stringMatching(/^[\d -]{0,12}$/)],
      [{ kind: 'identity-number' }, PASSPORT, fc.string()],
    ];
    for (const [normaliser, input, arbitrary] of cases) {
      fc.assert(
        fc.property(arbitrary, (raw) => {
          const once = normalise(normaliser, raw, input);
          if (once.kind === 'value') expect(normalise(normaliser, once.value, input)).toEqual(once);
        }),
      );
    }
  });
});

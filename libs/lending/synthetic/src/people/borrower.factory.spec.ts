import fc from 'fast-check';
import { isValidPrcResidentId } from '@furnish/shared-contracts';
import { epochDay } from '../calendar/calendar';
import { SeededRandom } from '../random/seeded-random';
import { aChineseBorrower, aUsBorrower, ageOn } from './borrower.factory';

const AS_OF = epochDay(2026, 10, 1);

describe('aChineseBorrower', () => {
  it('has a resident id whose birth date, sex digit and GB 11643 check character agree with the rest', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const { borrower } = aChineseBorrower(SeededRandom.of(seed), 'B1', AS_OF);
        expect(isValidPrcResidentId(borrower.idNumber)).toBe(true);
        expect(borrower.idNumber.slice(6, 14)).toBe(borrower.dateOfBirth.replace(/-/g, ''));
        expect(ageOn(borrower.dateOfBirth, AS_OF)).toBeGreaterThanOrEqual(20);
        expect(borrower.phone).toMatch(/^\+861[3-9]\d{9}$/);
        expect(borrower.familyName).toMatch(/^[A-Z]+$/);
        expect(borrower.address.countryCode).toBe('CN');
      }),
    );
  });
});

describe('aUsBorrower', () => {
  it('has an SSN and a phone number no real person can have, and names and addresses Metro 2 can write', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const { borrower } = aUsBorrower(SeededRandom.of(seed), 'B2', AS_OF);
        expect(borrower.idNumber).toMatch(/^9\d{2}(0[1-9]|[1-4]\d)\d{4}$/);
        expect(borrower.idNumber.slice(5)).not.toBe('0000');
        expect(borrower.phone).toMatch(/^\+1\d{3}55501\d{2}$/);
        // Metro 2 folds diacritics away (Peña → PENA) and must be left with printable ASCII.
        const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '');
        for (const text of [borrower.fullName, borrower.address.line1, borrower.address.line2 ?? '', borrower.address.city]) expect(folded(text)).toMatch(/^[\x20-\x7e]*$/);
        expect(borrower.address.region).toMatch(/^[A-Z]{2}$/);
      }),
    );
  });
});

import { prcResidentIdCheckCharacter, type Borrower } from '@furnish/shared-contracts';
import { MILLIS_PER_DAY, toDate } from '../calendar/calendar';
import type { SeededRandom } from '../random/seeded-random';
import { CN_DISTRICTS, CN_GIVEN_NAMES, CN_MOBILE_PREFIXES, CN_SURNAMES, EMAIL_DOMAINS } from './cn-people.table';
import { US_CITIES, US_GIVEN_NAMES, US_MIDDLE_INITIALS, US_NAME_SUFFIXES, US_STREETS, US_SURNAMES, US_UNITS } from './us-people.table';

export type Country = 'CN' | 'US';

/** A borrower and what the lender knows about where they live (used for transaction locations). */
export interface SyntheticPerson {
  readonly country: Country;
  readonly borrower: Borrower;
  readonly home: { readonly latitude: number; readonly longitude: number; readonly city: string };
}

const YEAR_DAYS = 365.25;

/** Date of birth for an adult aged 20-62 on `asOf` (epoch day). */
function birthDay(random: SeededRandom, asOf: number): number {
  return asOf - Math.floor(random.int(20, 62) * YEAR_DAYS) - random.int(0, 364);
}

/**
 * A mainland Chinese borrower: name in characters with its pinyin, an 18-character resident id
 * whose birth date, sex digit and GB 11643 check character agree with the rest, a mainland mobile.
 */
export function aChineseBorrower(random: SeededRandom, borrowerId: string, asOf: number): SyntheticPerson {
  const sex = random.pick(['F', 'M'] as const);
  const surname = random.pick(CN_SURNAMES);
  const given = random.pick(CN_GIVEN_NAMES[sex]);
  const district = random.pick(CN_DISTRICTS);
  const birthplace = random.chance(0.6) ? district : random.pick(CN_DISTRICTS);
  const born = birthDay(random, asOf);
  const sequence = random.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = `${birthplace.code}${toDate(born).replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  const email = random.chance(0.7) ? `${given.pinyin}.${surname.pinyin}${random.int(1, 999)}@${random.pick(EMAIL_DOMAINS)}`.toLowerCase() : null;
  return {
    country: 'CN',
    home: { latitude: district.latitude, longitude: district.longitude, city: district.city },
    borrower: {
      borrowerId,
      fullName: surname.hanzi + given.hanzi,
      familyName: surname.pinyin,
      givenName: given.pinyin,
      middleName: null,
      nameSuffix: null,
      idType: 'PRC_RESIDENT_ID',
      idNumber: first17 + prcResidentIdCheckCharacter(first17),
      dateOfBirth: toDate(born),
      phone: `+86${random.pick(CN_MOBILE_PREFIXES)}${random.digits(8)}`,
      email,
      address: {
        line1: `${district.district}${random.pick(district.streets)}${random.int(1, 399)}号`,
        line2: random.chance(0.6) ? `${random.int(1, 30)}幢${random.int(1, 6)}单元${random.int(1, 33)}0${random.int(1, 4)}室` : null,
        city: district.city,
        region: district.province,
        postalCode: district.postalCode,
        countryCode: 'CN',
      },
    },
  };
}

/**
 * A US borrower. The SSN has area 900-999 and group 01-49, a combination the SSA never issues
 * (and not an ITIN), and the phone is in the 555-0100…0199 range reserved for fiction, so no
 * generated identity can be a real person's.
 */
export function aUsBorrower(random: SeededRandom, borrowerId: string, asOf: number): SyntheticPerson {
  const sex = random.pick(['F', 'M'] as const);
  const givenName = random.pick(US_GIVEN_NAMES[sex]);
  const familyName = random.pick(US_SURNAMES);
  const middleName = random.chance(0.4) ? random.pick([...US_MIDDLE_INITIALS]) : null;
  const nameSuffix = sex === 'M' && random.chance(0.06) ? random.pick(US_NAME_SUFFIXES) : null;
  const city = random.pick(US_CITIES);
  const born = birthDay(random, asOf);
  const ssn = `${random.int(900, 999)}${String(random.int(1, 49)).padStart(2, '0')}${String(random.int(1, 9999)).padStart(4, '0')}`;
  const email = random.chance(0.85) ? `${givenName}.${familyName}${random.int(1, 99)}`.normalize('NFKD').replace(/[^A-Za-z0-9.]/g, '').toLowerCase() + `@${random.pick(EMAIL_DOMAINS)}` : null;
  return {
    country: 'US',
    home: { latitude: city.latitude, longitude: city.longitude, city: city.city },
    borrower: {
      borrowerId,
      fullName: [givenName, middleName, familyName, nameSuffix].filter((part) => part !== null).join(' '),
      familyName,
      givenName,
      middleName,
      nameSuffix,
      idType: 'US_SSN',
      idNumber: ssn,
      dateOfBirth: toDate(born),
      phone: `+1${random.pick(city.areaCodes)}55501${random.digits(2)}`,
      email,
      address: {
        line1: `${random.int(10, 9899)} ${random.pick(US_STREETS)}`,
        line2: random.chance(0.35) ? random.pick(US_UNITS) : null,
        city: city.city,
        region: city.state,
        postalCode: random.chance(0.2) ? `${random.pick(city.zipCodes)}-${random.digits(4)}` : random.pick(city.zipCodes),
        countryCode: 'US',
      },
    },
  };
}

/** Age in whole years on `asOf`; used by specs to check plausibility. */
export const ageOn = (dateOfBirth: string, asOf: number): number => Math.floor((asOf - Date.parse(dateOfBirth) / MILLIS_PER_DAY) / YEAR_DAYS);

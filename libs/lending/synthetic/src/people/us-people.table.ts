/**
 * Fictitious US borrowers: common names (some with diacritics, apostrophes or hyphens, which
 * Metro 2 must fold to ASCII) and real city / state / ZIP / area-code combinations.
 */

export const US_GIVEN_NAMES: Readonly<Record<'F' | 'M', readonly string[]>> = {
  F: ['Jane', 'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Zoë', 'María', 'Aisha', 'Mei', 'Chloe', 'Renée'],
  M: ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Daniel', 'José', 'Andre', 'Kwame', 'Wei', 'Liam', 'Noah'],
};

export const US_SURNAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson',
  'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', "O'Brien", 'Smith-Jones', 'Nguyen', 'Peña', 'Müller', 'Chen', 'Okafor',
];

export const US_MIDDLE_INITIALS = 'ABCDEFGHJKLMNPRSTW';

export const US_NAME_SUFFIXES: readonly string[] = ['JR', 'SR', 'II', 'III'];

export interface UsCity {
  readonly city: string;
  readonly state: string;
  readonly zipCodes: readonly string[];
  readonly areaCodes: readonly string[];
  readonly latitude: number;
  readonly longitude: number;
}

export const US_CITIES: readonly UsCity[] = [
  { city: 'Springfield', state: 'IL', zipCodes: ['62701', '62702', '62704'], areaCodes: ['217'], latitude: 39.8, longitude: -89.65 },
  { city: 'Austin', state: 'TX', zipCodes: ['78701', '78704', '78745'], areaCodes: ['512', '737'], latitude: 30.27, longitude: -97.74 },
  { city: 'Columbus', state: 'OH', zipCodes: ['43215', '43201', '43210'], areaCodes: ['614'], latitude: 39.96, longitude: -83.0 },
  { city: 'Portland', state: 'OR', zipCodes: ['97201', '97205', '97214'], areaCodes: ['503', '971'], latitude: 45.52, longitude: -122.68 },
  { city: 'Raleigh', state: 'NC', zipCodes: ['27601', '27603', '27606'], areaCodes: ['919'], latitude: 35.78, longitude: -78.64 },
  { city: 'Denver', state: 'CO', zipCodes: ['80202', '80203', '80205'], areaCodes: ['303', '720'], latitude: 39.74, longitude: -104.99 },
  { city: 'San José', state: 'CA', zipCodes: ['95112', '95113', '95126'], areaCodes: ['408'], latitude: 37.34, longitude: -121.89 },
  { city: 'Brooklyn', state: 'NY', zipCodes: ['11201', '11215', '11238'], areaCodes: ['718', '347'], latitude: 40.68, longitude: -73.94 },
  { city: 'Miami', state: 'FL', zipCodes: ['33130', '33131', '33137'], areaCodes: ['305', '786'], latitude: 25.76, longitude: -80.19 },
  { city: 'Seattle', state: 'WA', zipCodes: ['98101', '98103', '98122'], areaCodes: ['206'], latitude: 47.61, longitude: -122.33 },
];

export const US_STREETS: readonly string[] = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Washington Blvd', 'Lake Shore Dr', 'Pine St', 'Sunset Blvd', 'Hillcrest Rd', 'Avenida Peña'];

export const US_UNITS: readonly string[] = ['Apt 4B', 'Apt 12', 'Unit 3', 'Suite 210', '# 7'];

import { isLocalDate } from './local-date';

// GB 11643-1999: weights of the first 17 digits, and the check character for (sum mod 11).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The 18th character of a PRC resident id number, from its first 17 digits. */
export function prcResidentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('expected the 17 leading digits of a PRC resident id number');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * An 18-character PRC resident id number: 6-digit region, birth date YYYYMMDD (1901-2099), 3-digit
 * sequence and a GB 11643 check character (upper-case X for 10), as PBOC and Baihang validate it.
 */
export function isValidPrcResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isLocalDate(birth) || birth < '1901-01-01' || birth > '2099-12-31') return false;
  return prcResidentIdCheckCharacter(id.slice(0, 17)) === id[17];
}

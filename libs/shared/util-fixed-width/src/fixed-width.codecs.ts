/** Text forms of dates, timestamps and numbers used by fixed-width fields. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isRealIsoTimestamp(value: string): boolean {
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) return false;
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6])];
  return isRealIsoDate(value.slice(0, 10)) && hours < 24 && minutes < 60 && seconds < 60;
}

/** 'YYYY-MM-DD' → 'MMDDYYYY' or 'YYYYMMDD'. */
export function encodeDate(iso: string, format: 'MMDDYYYY' | 'YYYYMMDD'): string {
  const [year, month, day] = iso.split('-');
  return format === 'MMDDYYYY' ? `${month}${day}${year}` : `${year}${month}${day}`;
}

/** 'MMDDYYYY' or 'YYYYMMDD' → 'YYYY-MM-DD', or undefined when it is not a real date. */
export function decodeDate(text: string, format: 'MMDDYYYY' | 'YYYYMMDD'): string | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const iso = format === 'MMDDYYYY' ? `${text.slice(4, 8)}-${text.slice(0, 2)}-${text.slice(2, 4)}` : `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  return isRealIsoDate(iso) ? iso : undefined;
}

/** 'YYYY-MM-DDTHH:mm:ss' → 'MMDDYYYYHHMMSS'. */
export function encodeTimestamp(iso: string): string {
  return `${encodeDate(iso.slice(0, 10), 'MMDDYYYY')}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

export function decodeTimestamp(text: string): string | undefined {
  const date = decodeDate(text.slice(0, 8), 'MMDDYYYY');
  if (date === undefined || !/^\d{6}$/.test(text.slice(8))) return undefined;
  const iso = `${date}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}`;
  return isRealIsoTimestamp(iso) ? iso : undefined;
}

export const isAllZeros = (text: string): boolean => /^0+$/.test(text);

export const digitCount = (value: number): number => String(value).length;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

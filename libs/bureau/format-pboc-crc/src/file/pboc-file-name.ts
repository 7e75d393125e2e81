/**
 * PBOC submission file names and header lines (bureau-formats.md §2.2, §5.2 rules 1-2).
 * Name: 14-char institution code + YYYYMMDD + record type + reserved 0 + 3-digit serial +
 * feedback flag 0 + `.txt` = 34 characters. Header: 50 characters.
 */

export const PBOC_RECORD_TYPE = '210';
export const PBOC_FILE_NAME_PATTERN = /^([0-9A-Z]{14})(\d{8})(210)0(\d{3})0\.(txt|enc)$/;
export const PBOC_HEADER_LENGTH = 50;
export const PBOC_HEADER_PATTERN = /^A050(210)(\d\.\d\.\d) {2}([0-9A-Z]{14})(\d{14})0(\d{7})$/;
export const PBOC_MAX_SERIAL = 999;
export const PBOC_MAX_RECORDS = 9_999_999;

/** `generatedAt` is Beijing wall-clock time, 'YYYY-MM-DDTHH:mm:ss'. */
export function pbocFileName(institutionCode: string, generatedAt: string, serial: number): string {
  return `${institutionCode}${generatedAt.slice(0, 10).replace(/-/g, '')}${PBOC_RECORD_TYPE}0${String(serial).padStart(3, '0')}0.txt`;
}

export function pbocHeaderLine(institutionCode: string, generatedAt: string, version: string, recordCount: number): string {
  const timestamp = generatedAt.replace(/[-T:]/g, '');
  return `A050${PBOC_RECORD_TYPE}${version}  ${institutionCode}${timestamp}0${String(recordCount).padStart(7, '0')}`;
}

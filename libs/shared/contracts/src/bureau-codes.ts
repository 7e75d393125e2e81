import type { BureauCode } from './generated/consent-event';
import type { Bureau } from './topics';

/** Topic-name bureau ids (`pboc-crc`) and their Avro enum symbols (`PBOC_CRC`), one to one. */
export const BUREAU_CODES = {
  'pboc-crc': 'PBOC_CRC',
  baihang: 'BAIHANG',
  metro2: 'METRO2',
} as const satisfies Record<Bureau, BureauCode>;

const BUREAU_BY_CODE = Object.fromEntries(Object.entries(BUREAU_CODES).map(([bureau, code]) => [code, bureau])) as Record<BureauCode, Bureau>;

export const bureauCodeOf = (bureau: Bureau): BureauCode => BUREAU_CODES[bureau];

export const bureauOfCode = (code: BureauCode): Bureau => BUREAU_BY_CODE[code];

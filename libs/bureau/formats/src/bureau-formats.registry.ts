import type { Bureau } from '@furnish/shared-contracts';
import type { BureauFormatOf, BureauFormatRegistry } from '@furnish/bureau-domain';
import { BAIHANG_FORMAT } from '@furnish/bureau-format-baihang';
import { METRO2_FORMAT } from '@furnish/bureau-format-metro2';
import { PBOC_CRC_FORMAT } from '@furnish/bureau-format-pboc-crc';

/**
 * The formatter of every bureau, keyed by bureau id. Explicit on purpose: importing a format lib
 * registers nothing; this object is the whole list, and the compiler checks it covers every Bureau.
 */
export const BUREAU_FORMATS: BureauFormatRegistry = Object.freeze({
  'pboc-crc': PBOC_CRC_FORMAT,
  baihang: BAIHANG_FORMAT,
  metro2: METRO2_FORMAT,
});

export const bureauFormatFor = <B extends Bureau>(bureau: B): BureauFormatOf<B> => BUREAU_FORMATS[bureau];

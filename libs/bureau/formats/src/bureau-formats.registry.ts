import type { Bureau } from '@furnish/shared-contracts';
import type { BureauCorrectionRegistry, BureauDeletionFormat, BureauFormatOf, BureauFormatRegistry } from '@furnish/bureau-domain';
import { BAIHANG_CORRECTION, BAIHANG_DELETION, BAIHANG_FORMAT } from '@furnish/bureau-format-baihang';
import { METRO2_CORRECTION, METRO2_DA_DELETION, METRO2_FORMAT } from '@furnish/bureau-format-metro2';
import { PBOC_212_CORRECTION, PBOC_213_RETRACTION, PBOC_214_DELETION, PBOC_CRC_FORMAT } from '@furnish/bureau-format-pboc-crc';

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

/**
 * The deletion form of each bureau (consent found invalid): PBOC 214, Baihang opCode D, Metro 2 DA.
 * The DA repeats the account's identification, so it is built from the published Base segment the
 * formatter keeps sealed (docs/consent.md, "Consent found invalid").
 */
export const BUREAU_DELETIONS: Readonly<Partial<Record<Bureau, BureauDeletionFormat>>> = Object.freeze({
  'pboc-crc': PBOC_214_DELETION,
  baihang: BAIHANG_DELETION,
  metro2: METRO2_DA_DELETION,
});

/** The correction form of every bureau (loan-event v3 CORRECTION): PBOC 212, Baihang opCode M, Metro 2 CorrectionIndicator 1. */
export const BUREAU_CORRECTIONS: BureauCorrectionRegistry = Object.freeze({
  'pboc-crc': PBOC_212_CORRECTION,
  baihang: BAIHANG_CORRECTION,
  metro2: METRO2_CORRECTION,
});

/**
 * The form that deletes one published record of a retracted event (loan-event v3 RETRACTION), for
 * each bureau: PBOC 213 (that record's report date only, not the whole account as 214 would),
 * Baihang opCode D, Metro 2 DA (Metro 2 has no narrower deletion than the account's).
 */
export const BUREAU_RETRACTIONS: Readonly<Partial<Record<Bureau, BureauDeletionFormat>>> = Object.freeze({
  'pboc-crc': PBOC_213_RETRACTION,
  baihang: BAIHANG_DELETION,
  metro2: METRO2_DA_DELETION,
});

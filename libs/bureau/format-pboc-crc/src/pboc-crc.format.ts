import type { LocalDate, MinimisedPbocCrcRecord } from '@furnish/shared-contracts';
import { assertNoViolations, type BureauFormat, type FormattedRecord } from '@furnish/bureau-domain';
import { buildPboc210 } from './pboc-210.builder';
import { validatePboc210Model } from './pboc-210.validator';
import { writePboc210 } from './pboc-210.writer';
import { PBOC_FORMAT_VERSION } from './pboc-crc.choices';

/**
 * PBOC CRC: one 210 record (one XML line) for each event that needs one (see reportTimeOf), none
 * for the others. Throws RecordInvalidError with every mapping and rule violation.
 */
export class PbocCrcFormat implements BureauFormat<MinimisedPbocCrcRecord> {
  readonly bureau = 'pboc-crc' as const;

  format(source: MinimisedPbocCrcRecord): readonly FormattedRecord[] {
    const { record, violations } = buildPboc210(source);
    if (!record) return [];
    const institutionCode = record.AcctBsSgmt.MngmtOrgCode || undefined;
    assertNoViolations([...violations, ...validatePboc210Model(record, { institutionCode })], 'PBOC 210 record');
    return [{ recordKind: 'PBOC_210', reportDate: record.AcctBsSgmt.RptDate as LocalDate, payload: writePboc210(record), formatVersion: PBOC_FORMAT_VERSION, accountKey: record.AcctBsSgmt.AcctCode }];
  }
}

export const PBOC_CRC_FORMAT = new PbocCrcFormat();

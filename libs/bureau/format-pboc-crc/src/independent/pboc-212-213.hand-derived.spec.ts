import { correctionRecordId } from '@furnish/shared-contracts';
import { PBOC_CRC_FORMAT } from '../pboc-crc.format';
import { PBOC_212_CORRECTION, PBOC_213_RETRACTION, validatePboc212, validatePboc213 } from '../pboc-212-213';
import { aPbocStatementRecord } from '../testing';

/**
 * The 212 by-segment correction and 213 by-segment deletion requests, expected values derived by
 * hand from bureau-formats.md: §2.3 names 212 按段更正请求 and 213 按段删除请求; §2.4 says their
 * segments are named by the letters B…K (C basic info, F credit link, H monthly performance, J
 * non-monthly); §2.2 one XML document per line; §2.5 AcctCode AN..60, dates YYYY-MM-DD. The
 * header element names and root tags are [U] (docs/formats/pboc-crc.md).
 */
describe('PBOC 212 by-segment correction (hand-derived)', () => {
  const corrected = aPbocStatementRecord();
  const [original210] = PBOC_CRC_FORMAT.format(corrected);
  const original = { recordId: 'a'.repeat(32), recordKind: 'PBOC_210' as const, accountKey: original210.accountKey!, reportDate: original210.reportDate };
  const correctionEventId = '9f8e7d6c-5b4a-4938-8271-605f4e3d2c1b';

  it('restates each segment of the corrected 210 but the base one, in §2.4 order, as one request each', () => {
    const records = PBOC_212_CORRECTION.correction(corrected, [original], correctionEventId);
    // Segment letters of the segments the 210 line carries, B left out.
    const segmentsIn210 = [...original210.payload.matchAll(/<(AcctBsInfSgmt|AcctCredSgmt|AcctMthlyBlgInfSgmt|AcctDbtInfSgmt)>/g)].map((m) => m[1]);
    const letterOf: Record<string, string> = { AcctBsInfSgmt: 'C', AcctCredSgmt: 'F', AcctMthlyBlgInfSgmt: 'H', AcctDbtInfSgmt: 'J' };
    expect(records.map((r) => r.payload.match(/<MdfcSgmtCode>(.)<\/MdfcSgmtCode>/)![1])).toEqual(segmentsIn210.map((tag) => letterOf[tag]));
    // The 212 restates the account type the 210 base segment states (a revolving line: R1 here).
    const accountType = original210.payload.match(/<AcctType>(..)<\/AcctType>/)![1];
    for (const r of records) {
      const letter = r.payload.match(/<MdfcSgmtCode>(.)<\/MdfcSgmtCode>/)![1];
      const tag = Object.keys(letterOf).find((t) => letterOf[t] === letter)!;
      const segment = original210.payload.match(new RegExp(`<${tag}>.*?</${tag}>`))![0];
      expect(r).toEqual({
        recordId: correctionRecordId(original.recordId, correctionEventId, letter),
        originalRecordId: original.recordId,
        recordKind: 'PBOC_212',
        reportDate: original.reportDate,
        payload: `<Document><InAcctMdfc><InfRecType>212</InfRecType><AcctType>${accountType}</AcctType><ModRecCode>${original.accountKey}</ModRecCode><RptDate>${original.reportDate}</RptDate><MdfcSgmtCode>${letter}</MdfcSgmtCode>${segment}</InAcctMdfc></Document>`,
        formatVersion: '2.0.0',
        accountKey: original.accountKey,
      });
    }
    expect(new Set(records.map((r) => r.recordId)).size).toBe(records.length);
  });

  it('gives the same ids for a redelivery and new ids for a later correction of the same record', () => {
    const again = PBOC_212_CORRECTION.correction(corrected, [original], correctionEventId);
    const later = PBOC_212_CORRECTION.correction(corrected, [original], '1f8e7d6c-5b4a-4938-8271-605f4e3d2c1b');
    const first = PBOC_212_CORRECTION.correction(corrected, [original], correctionEventId);
    expect(again.map((r) => r.recordId)).toEqual(first.map((r) => r.recordId));
    expect(later.map((r) => r.recordId).filter((id) => first.some((r) => r.recordId === id))).toEqual([]);
  });

  it('refuses a letter that is not the segment carried, B, a report date moved, or an account code over 60', () => {
    const header = { InfRecType: '212' as const, AcctType: 'R2', ModRecCode: 'N101W1100H0017RL1', RptDate: '2024-05-31', MdfcSgmtCode: 'H' };
    expect(validatePboc212(header, 'AcctMthlyBlgInfSgmt', '2024-05-31')).toEqual([]);
    expect(validatePboc212(header, 'AcctBsInfSgmt', '2024-05-31').map((v) => v.ruleId)).toEqual(['pboc.212.segment-letter']);
    expect(validatePboc212({ ...header, MdfcSgmtCode: 'B' }, 'AcctBsSgmt', '2024-05-31').map((v) => v.ruleId)).toEqual(['pboc.212.code-table']);
    expect(validatePboc212(header, 'AcctMthlyBlgInfSgmt', '2024-06-30').map((v) => v.ruleId)).toEqual(['pboc.212.report-date']);
    expect(validatePboc212({ ...header, ModRecCode: 'A'.repeat(61) }, 'AcctMthlyBlgInfSgmt', '2024-05-31')).toEqual([{ ruleId: 'pboc.212.data-type', path: 'InAcctMdfc.ModRecCode', code: 'too-long' }]);
  });

  it('sends nothing for an original of another kind, and refuses a corrected record stated for another report date', () => {
    expect(PBOC_212_CORRECTION.correction(corrected, [{ ...original, recordKind: 'PBOC_214' }], correctionEventId)).toEqual([]);
    expect(() => PBOC_212_CORRECTION.correction(corrected, [{ ...original, reportDate: '2024-04-30' as never }], correctionEventId)).toThrow(/PBOC 212 request violates/);
  });
});

describe('PBOC 213 by-segment deletion of a retracted record (hand-derived)', () => {
  const original = { recordId: 'a'.repeat(32), recordKind: 'PBOC_210' as const, accountKey: 'N101W1100H0017IL0000067890', reportDate: '2024-05-31' as never };

  it('deletes the base segment of the account for the original report date only; reported on the day it is made in Beijing', () => {
    // 2024-06-30T17:00Z is 2024-07-01 01:00 in Beijing (UTC+8).
    expect(PBOC_213_RETRACTION.deletion(original, 'b'.repeat(32), new Date('2024-06-30T17:00:00Z'))).toEqual({
      recordKind: 'PBOC_213',
      reportDate: '2024-07-01',
      payload:
        '<Document><InAcctDel><InfRecType>213</InfRecType><DelRecCode>N101W1100H0017IL0000067890</DelRecCode><DelSgmtCode>B</DelSgmtCode><DelStartDate>2024-05-31</DelStartDate><DelEndDate>2024-05-31</DelEndDate></InAcctDel></Document>',
      formatVersion: '2.0.0',
      accountKey: 'N101W1100H0017IL0000067890',
    });
  });

  it('refuses a start after the end, an unknown segment letter and a bad date', () => {
    const record = { InfRecType: '213' as const, DelRecCode: 'N1', DelSgmtCode: 'B', DelStartDate: '2024-05-31', DelEndDate: '2024-05-31' };
    expect(validatePboc213(record)).toEqual([]);
    expect(validatePboc213({ ...record, DelStartDate: '2024-06-01' }).map((v) => v.ruleId)).toEqual(['pboc.213.date-order']);
    expect(validatePboc213({ ...record, DelSgmtCode: 'Z' }).map((v) => v.ruleId)).toEqual(['pboc.213.code-table']);
    expect(validatePboc213({ ...record, DelEndDate: '2024-13-01' }).map((v) => v.ruleId)).toContain('pboc.213.data-type');
  });
});

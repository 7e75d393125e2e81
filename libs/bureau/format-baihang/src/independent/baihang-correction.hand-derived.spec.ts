import { correctionRecordId } from '@furnish/shared-contracts';
import { BAIHANG_CORRECTION, BAIHANG_FORMAT } from '../baihang.format';
import { aBaihangLineOpenedRecord, aBaihangRepaymentRecord } from '../testing';

/**
 * Baihang's correction form, expected values derived by hand from bureau-formats.md §3.4 (`opCode`
 * A add / M modify / D delete; reqID letters and digits, at most 40) and §5.3 rule 2: the corrected
 * record is the record an original would be, with opCode M and its own reqID.
 */
describe('Baihang correction (hand-derived)', () => {
  const correctionEventId = '9f8e7d6c-5b4a-4938-8271-605f4e3d2c1b';

  it('restates a D3 repayment record with opCode M and a reqID of its own, every other key as the original would carry it', () => {
    const corrected = aBaihangRepaymentRecord();
    const [asOriginal] = BAIHANG_FORMAT.format(corrected);
    const original = { recordId: 'c'.repeat(32), recordKind: 'BAIHANG_D3' as const, accountKey: asOriginal.accountKey!, reportDate: asOriginal.reportDate };
    const [record, ...more] = BAIHANG_CORRECTION.correction(corrected, [original], correctionEventId);
    expect(more).toEqual([]);
    const reqID = correctionRecordId(original.recordId, correctionEventId);
    expect(reqID).toMatch(/^[0-9a-f]{32}$/);
    expect(record).toMatchObject({ recordId: reqID, originalRecordId: original.recordId, recordKind: 'BAIHANG_D3', reportDate: asOriginal.reportDate, accountKey: asOriginal.accountKey });
    expect(JSON.parse(record.payload)).toEqual({ ...JSON.parse(asOriginal.payload), reqID, opCode: 'M' });
  });

  it('restates an X2 opening as a change of the line (opCode M, creditOpCode 2), since an add is for the opening only', () => {
    const corrected = aBaihangLineOpenedRecord();
    const [asOriginal] = BAIHANG_FORMAT.format(corrected);
    expect(JSON.parse(asOriginal.payload)).toMatchObject({ opCode: 'A', creditOpCode: 1 });
    const original = { recordId: 'e'.repeat(32), recordKind: 'BAIHANG_X2' as const, accountKey: asOriginal.accountKey!, reportDate: asOriginal.reportDate };
    const [record] = BAIHANG_CORRECTION.correction(corrected, [original], correctionEventId);
    expect(JSON.parse(record.payload)).toEqual({ ...JSON.parse(asOriginal.payload), reqID: correctionRecordId(original.recordId, correctionEventId), opCode: 'M', creditOpCode: 2 });
  });

  it('corrects only originals of the kind the corrected event yields', () => {
    const original = { recordId: 'c'.repeat(32), recordKind: 'BAIHANG_D2' as const, accountKey: 'IL1', reportDate: '2024-05-31' as never };
    expect(BAIHANG_CORRECTION.correction(aBaihangRepaymentRecord(), [original], correctionEventId)).toEqual([]);
  });
});

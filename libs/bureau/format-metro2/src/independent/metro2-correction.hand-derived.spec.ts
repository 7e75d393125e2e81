import { correctionRecordId } from '@furnish/shared-contracts';
import { METRO2_CORRECTION, METRO2_FORMAT } from '../metro2.format';
import { aMetro2StatementRecord } from '../testing';
import { parseBase } from './metro2-base.independent-parser';

/**
 * Metro 2's correction, expected values from bureau-formats.md: CorrectionIndicator at Base
 * position 20, one character, valid values 0 and 1 (§1.5, §1.8, §5.1 rule 10). A corrected Base
 * segment is the record the event would yield with CorrectionIndicator 1: every other position as
 * the original would carry it.
 */
describe('Metro 2 correction (hand-derived)', () => {
  const correctionEventId = '9f8e7d6c-5b4a-4938-8271-605f4e3d2c1b';
  const corrected = aMetro2StatementRecord();
  const [asOriginal] = METRO2_FORMAT.format(corrected);
  const original = { recordId: 'f'.repeat(32), recordKind: 'METRO2_BASE' as const, accountKey: 'RL0000012345', reportDate: asOriginal.reportDate };

  it('is the Base segment with CorrectionIndicator 1 at position 20, all else unchanged, with an id of its own', () => {
    const [record, ...more] = METRO2_CORRECTION.correction(corrected, [original], correctionEventId);
    expect(more).toEqual([]);
    expect(record.payload).toHaveLength(426);
    expect(parseBase(record.payload).CorrectionIndicator).toBe('1');
    expect(record.payload.slice(19, 20)).toBe('1');
    expect(record.payload.slice(0, 19) + record.payload.slice(20)).toBe(asOriginal.payload.slice(0, 19) + asOriginal.payload.slice(20));
    expect(record).toMatchObject({ recordId: correctionRecordId(original.recordId, correctionEventId), originalRecordId: original.recordId, recordKind: 'METRO2_BASE', reportDate: asOriginal.reportDate });
  });
});

import { readFixedWidth, writeFixedWidth } from '@furnish/shared-util-fixed-width';
import { buildBaseSegment } from './base-segment.builder';
import { validateBaseSegment } from './base-segment.validator';
import { BASE_SEGMENT_LAYOUT } from './layouts/base-segment.layout';
import { aMetro2StatementRecord } from './testing';

describe('validateBaseSegment', () => {
  const segment = buildBaseSegment(aMetro2StatementRecord()).segment;
  const text = writeFixedWidth(BASE_SEGMENT_LAYOUT, segment);

  it('round-trips: parsing the written segment by the layout gives the segment back', () => {
    const { record, violations } = readFixedWidth(BASE_SEGMENT_LAYOUT, text);
    expect(violations).toEqual([]);
    expect(record).toEqual(segment);
  });

  it('reports a record that is not 426 characters (appended segments are not written by Furnish)', () => {
    expect(validateBaseSegment(text + 'J1')).toContainEqual({ ruleId: 'metro2.base.record-length', path: 'base', code: 'wrong-record-length' });
  });

  it('reports the moov quirks Furnish refuses: blank numerics and silently truncated values', () => {
    const blankBalance = text.slice(0, 154) + ' '.repeat(9) + text.slice(163);
    expect(validateBaseSegment(blankBalance)).toEqual([{ ruleId: 'metro2.base.numeric', path: 'base.currentBalance', code: 'not-numeric' }]);
  });

  it('does not cascade: a rule reading a field that failed to parse is skipped', () => {
    const badStatus = text.slice(0, 123) + '7Q' + text.slice(125);
    expect(validateBaseSegment(badStatus)).toEqual([{ ruleId: 'metro2.base.code-table', path: 'base.accountStatus', code: 'not-in-code-table' }]);
  });
});

import type { RecordStateEntry } from '@furnish/consent-data-access';
import { renderBureauStates } from './bureau-state-render';

const at = new Date('2024-07-02T08:00:00.000Z');
const step = (over: Partial<RecordStateEntry>): RecordStateEntry => ({
  recordId: 'r1',
  bureau: 'pboc-crc',
  state: 'REJECTED',
  codes: [],
  rules: [],
  supersededBy: null,
  fileName: 'N101W1100H00172024070121000011.txt',
  fileLine: 2,
  operator: 'ops.li',
  at,
  ...over,
});

describe('renderBureauStates', () => {
  it('says SENT for a record without feedback, and the whole history for one with', () => {
    const text = renderBureauStates(
      [
        { bureau: 'pboc-crc', recordId: 'r1' },
        { bureau: 'baihang', recordId: 'r2' },
      ],
      new Map([['r1', [step({ codes: ['BLE015'], rules: ['RpyStatus * requires zeros'] }), step({ state: 'RESENT', supersededBy: 'r9', fileName: null, fileLine: null })]]]),
    );
    expect(text).toBe(
      [
        'Bureau state (feedback, npm run feedback):',
        '  pboc-crc record r1: RESENT',
        '    2024-07-02T08:00:00.000Z REJECTED by N101W1100H00172024070121000011.txt line 2 (imported by ops.li):',
        '      BLE015: RpyStatus * requires zeros',
        '    2024-07-02T08:00:00.000Z RESENT: superseded by the corrected record r9 (marked by ops.li)',
        '  baihang record r2: SENT (no feedback from baihang yet)',
      ].join('\n'),
    );
  });

  it('says nothing when nothing was published', () => {
    expect(renderBureauStates([], new Map())).toBe('');
  });
});

import { layoutGeometryProblems } from '@furnish/shared-util-fixed-width';
import { BASE_SEGMENT_LAYOUT } from './base-segment.layout';
import { HEADER_RECORD_LAYOUT } from './header-record.layout';
import { TRAILER_RECORD_LAYOUT } from './trailer-record.layout';
import { ACCOUNT_TYPES } from '../code-tables';

describe('Metro 2 layouts', () => {
  it.each([
    ['Base', BASE_SEGMENT_LAYOUT],
    ['Header', HEADER_RECORD_LAYOUT],
    ['Trailer', TRAILER_RECORD_LAYOUT],
  ] as const)('%s is contiguous, non-overlapping and 426 characters long', (_, layout) => {
    expect(layout.length).toBe(426);
    expect(layoutGeometryProblems(layout as never)).toEqual([]);
  });

  it('places Base fields at the §1.5 positions (spot checks at every boundary type)', () => {
    const at = (name: string) => BASE_SEGMENT_LAYOUT.fields.find((f) => f.type !== 'filler' && f.name === name)!;
    expect([at('identificationNumber').start, at('identificationNumber').length]).toEqual([21, 20]);
    expect([at('accountStatus').start, at('paymentHistoryProfile').start, at('paymentHistoryProfile').length]).toEqual([124, 127, 24]);
    expect([at('dateAccountInformation').start, at('surname').start, at('socialSecurityNumber').start]).toEqual([182, 232, 298]);
    expect([at('ecoaCode').start, at('zipCode').start, at('residenceCode').start]).toEqual([325, 416, 426]);
  });

  it('has moov’s 63 account types', () => {
    expect(new Set(ACCOUNT_TYPES).size).toBe(63);
  });
});

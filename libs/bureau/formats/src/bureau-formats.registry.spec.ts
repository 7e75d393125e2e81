import { BUREAUS } from '@furnish/shared-contracts';
import { aMinimisedBaihangRecord, aMinimisedMetro2Record, aMinimisedPbocCrcRecord } from '@furnish/shared-contracts/testing';
import { BUREAU_FORMATS, bureauFormatFor } from './bureau-formats.registry';

describe('BUREAU_FORMATS', () => {
  it('has exactly one formatter per bureau, each naming its own bureau', () => {
    expect(Object.keys(BUREAU_FORMATS).sort()).toEqual([...BUREAUS].sort());
    for (const bureau of BUREAUS) expect(bureauFormatFor(bureau).bureau).toBe(bureau);
  });

  it('formats the builders’ month-end events: PBOC and Metro 2 report them, Baihang has no record for a revolving statement', () => {
    expect(BUREAU_FORMATS['pboc-crc'].format(aMinimisedPbocCrcRecord()).map((r) => r.recordKind)).toEqual(['PBOC_210']);
    expect(BUREAU_FORMATS.metro2.format(aMinimisedMetro2Record()).map((r) => r.recordKind)).toEqual(['METRO2_BASE']);
    expect(BUREAU_FORMATS.baihang.format(aMinimisedBaihangRecord())).toEqual([]);
  });
});

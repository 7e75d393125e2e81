import { toLocalDate, type OutboundRecord } from '@furnish/shared-contracts';
import { anOutboundRecord } from '@furnish/shared-contracts/testing';
import { fileContentsOf, selectForSubmission } from './record-selection';

const record = (recordId: string, reportDate: string, producedAt: number, bureau: OutboundRecord['bureau'] = 'PBOC_CRC'): OutboundRecord =>
  anOutboundRecord({ recordId, reportDate: toLocalDate(reportDate), producedAt: new Date(producedAt), bureau });

describe('selectForSubmission', () => {
  const period = { bureau: 'pboc-crc', from: toLocalDate('2024-05-01'), to: toLocalDate('2024-05-31') } as const;

  it('keeps the period’s records once each, oldest report first', () => {
    const read = [record('b', '2024-05-31', 5), record('a', '2024-05-01', 9), record('b', '2024-05-31', 7), record('c', '2024-05-31', 1)];
    const selection = selectForSubmission(read, period);
    expect(selection.records.map((r) => r.recordId)).toEqual(['a', 'c', 'b']);
    expect(selection.duplicates).toBe(1);
  });

  it('leaves out records outside the period (both ends inclusive) and other bureaus’', () => {
    const read = [record('x', '2024-04-30', 1), record('y', '2024-06-01', 1), record('z', '2024-05-15', 1, 'BAIHANG'), record('k', '2024-05-31', 1)];
    expect(selectForSubmission(read, period)).toMatchObject({ records: [expect.objectContaining({ recordId: 'k' })], outsidePeriod: 2, otherBureau: 1, duplicates: 0 });
  });
});

describe('fileContentsOf', () => {
  const kind = (recordId: string, recordKind: string): OutboundRecord => anOutboundRecord({ recordId, recordKind });

  it('files a Metro 2 DA with the reports, outside the consent re-check, and leaves out deletions and corrections that have no file yet', () => {
    const contents = fileContentsOf([kind('r', 'METRO2_BASE'), kind('da', 'METRO2_DA'), kind('p214', 'PBOC_214'), kind('p213', 'PBOC_213'), kind('p212', 'PBOC_212'), kind('bd', 'BAIHANG_DELETE'), kind('p210', 'PBOC_210')]);
    expect(contents.reports.map((r) => r.recordId)).toEqual(['r', 'p210']);
    expect(contents.deletions.map((r) => r.recordId)).toEqual(['da']);
    expect(contents.leftOut).toBe(4);
  });
});

import { outboundRecordId, type Bureau, type OutboundRecord } from '@furnish/shared-contracts';
import { anOutboundRecord } from '@furnish/shared-contracts/testing';
import { RecordInvalidError } from '@furnish/bureau-domain';
import { aBaihangLoanOpenedRecord, aBaihangRepaymentRecord } from '@furnish/bureau-format-baihang/testing';
import { aMetro2StatementRecord } from '@furnish/bureau-format-metro2/testing';
import { aPbocLoanOpenedRecord, aPbocStatementRecord } from '@furnish/bureau-format-pboc-crc/testing';
import { BUREAU_FORMATS } from './bureau-formats.registry';
import { SubmissionFileError } from './errors';
import { buildSubmissionFiles, submissionOrder } from './submission-file';

function outbound<B extends Bureau>(bureau: B, source: Parameters<(typeof BUREAU_FORMATS)[B]['format']>[0]): OutboundRecord[] {
  return BUREAU_FORMATS[bureau].format(source as never).map((f, i) =>
    anOutboundRecord({
      recordId: outboundRecordId(`${(source as { eventId: string }).eventId}`, bureau, f.recordKind),
      bureau: ({ 'pboc-crc': 'PBOC_CRC', baihang: 'BAIHANG', metro2: 'METRO2' } as const)[bureau],
      recordKind: f.recordKind,
      reportDate: f.reportDate,
      payload: f.payload,
      formatVersion: f.formatVersion,
      producedAt: new Date(Date.UTC(2024, 5, 1, 0, 0, i)),
    }),
  );
}

describe('buildSubmissionFiles', () => {
  const PBOC = { institution: 'F110105000001A' };
  const REPORTER = { reporterName: 'EXAMPLE LENDING INC', reporterAddress: '1 MARKET ST SAN FRANCISCO CA 94105', transUnionProgramIdentifier: '5555555555' };

  it('PBOC: one valid file named for the configured institution', () => {
    const records = [...outbound('pboc-crc', aPbocLoanOpenedRecord({ eventId: 'e1' })), ...outbound('pboc-crc', aPbocStatementRecord({ eventId: 'e2' }))];
    const files = buildSubmissionFiles('pboc-crc', records, { generatedAt: '2024-06-01T09:00:00', ...PBOC });
    expect(files.map((f) => [f.fileName, f.recordCount])).toEqual([['F110105000001A202406012100001' + '0.txt', 2]]);
  });

  it('PBOC: refuses records of several institutions, or of another institution than the configured one', () => {
    const other = aPbocStatementRecord({ eventId: 'e3', furnisher: { pbocManagementOrgCode: 'G110105000001B' } });
    const records = [...outbound('pboc-crc', aPbocStatementRecord({ eventId: 'e2' })), ...outbound('pboc-crc', other)];
    expect(() => buildSubmissionFiles('pboc-crc', records, { generatedAt: '2024-06-01T09:00:00', ...PBOC })).toThrow(SubmissionFileError);
    expect(() => buildSubmissionFiles('pboc-crc', outbound('pboc-crc', other), { generatedAt: '2024-06-01T09:00:00', ...PBOC })).toThrow(/ABE002/);
  });

  it.each(['pboc-crc', 'baihang', 'metro2'] as const)('%s: refuses to write a file without a configured furnisher identity (issue 14)', (bureau) => {
    const source = { 'pboc-crc': aPbocStatementRecord(), baihang: aBaihangRepaymentRecord(), metro2: aMetro2StatementRecord() }[bureau];
    expect(() => buildSubmissionFiles(bureau, outbound(bureau, source as never), { generatedAt: '2024-06-21T09:00:00' })).toThrow(/furnisher identity is not configured/);
  });

  it('Metro 2: a Header with a placeholder address or no program identifier breaks metro2.header.furnisher-identity (issue 14)', () => {
    const records = outbound('metro2', aMetro2StatementRecord());
    const placeholder = { reporterName: 'FURNISH', reporterAddress: 'ADDRESS NOT CONFIGURED', transUnionProgramIdentifier: '5555555555' };
    expect(() => buildSubmissionFiles('metro2', records, { generatedAt: '2024-06-02T08:00:00', metro2Reporter: placeholder })).toThrow(/metro2\.header\.furnisher-identity at header\.reporterAddress/);
    const noProgram = { reporterName: 'EXAMPLE LENDING INC', reporterAddress: '1 MARKET ST SAN FRANCISCO CA 94105' };
    expect(() => buildSubmissionFiles('metro2', records, { generatedAt: '2024-06-02T08:00:00', metro2Reporter: noProgram })).toThrow(/metro2\.header\.furnisher-identity at header\.programIdentifier/);
  });

  it('PBOC: a file that breaks a rule is refused with rule ids and paths', () => {
    const records = outbound('pboc-crc', aPbocStatementRecord({ eventId: 'e2' }));
    expect(() => buildSubmissionFiles('pboc-crc', records, { generatedAt: '2024-05-30T09:00:00', ...PBOC })).toThrow(RecordInvalidError);
    expect(() => buildSubmissionFiles('pboc-crc', records, { generatedAt: '2024-05-30T09:00:00', ...PBOC })).toThrow(/pboc\.210\.report-date-not-after-file-date at records\[0\]\.AcctBsSgmt\.RptDate/);
  });

  it('Baihang: one valid batch file', () => {
    const records = [...outbound('baihang', aBaihangLoanOpenedRecord({ eventId: 'e1' })), ...outbound('baihang', aBaihangRepaymentRecord({ eventId: 'e2' }))];
    const [file] = buildSubmissionFiles('baihang', records, { generatedAt: '2024-07-01T02:00:00', institution: 'BH2019000123' });
    expect(file).toMatchObject({ fileName: 'BH2019000123_20240701020000_001.txt', recordCount: 2 });
  });

  it('Metro 2: Header, Base records and Trailer', () => {
    const [file] = buildSubmissionFiles('metro2', outbound('metro2', aMetro2StatementRecord()), { generatedAt: '2024-06-02T08:00:00', metro2Reporter: REPORTER });
    expect(file.recordCount).toBe(1);
    expect(file.content.split('\n').map((l) => l.slice(4, 10))).toEqual(['HEADER', expect.any(String), 'TRAILE', '']);
  });

  it('writes nothing for no records', () => {
    expect(buildSubmissionFiles('metro2', [], { generatedAt: '2024-06-02T08:00:00' })).toEqual([]);
  });

  it('orders records by report date, then as produced', () => {
    const a = anOutboundRecord({ recordId: 'a', reportDate: '2024-05-31' as never, producedAt: new Date(2) });
    const b = anOutboundRecord({ recordId: 'b', reportDate: '2024-05-30' as never, producedAt: new Date(3) });
    const c = anOutboundRecord({ recordId: 'c', reportDate: '2024-05-31' as never, producedAt: new Date(1) });
    expect([a, b, c].sort(submissionOrder).map((r) => r.recordId)).toEqual(['b', 'c', 'a']);
  });
});

import Big from 'big.js';
import { toLocalDate } from '@furnish/shared-contracts';
import { PBOC_CRC_FORMAT } from '../pboc-crc.format';
import { aPbocLoanOpenedRecord, aPbocStatementRecord } from '../testing';
import { buildPbocFiles } from './pboc-file.builder';
import { validatePbocFile } from './pboc-file.validator';

const INSTITUTION = 'F110105000001A';
const payload = (source: ReturnType<typeof aPbocStatementRecord>): string => PBOC_CRC_FORMAT.format(source)[0].payload;

const loanOpened = payload(aPbocLoanOpenedRecord({ occurredAt: new Date('2024-05-20T06:31:00Z'), account: { openedOn: toLocalDate('2024-05-20'), maturityDate: toLocalDate('2025-05-20') } }));
const lineStatement = payload(aPbocStatementRecord());
const loanStatement = payload(
  aPbocLoanOpenedRecord({
    eventType: 'STATEMENT_CLOSED',
    occurredAt: new Date('2024-05-31T16:05:00Z'),
    statement: aPbocStatementRecord().statement,
    account: { openedOn: toLocalDate('2024-05-20'), maturityDate: toLocalDate('2025-05-20'), lastPaymentDate: null },
  }),
);

describe('PBOC 210 submission files', () => {
  const generatedAt = '2024-06-01T09:15:30';
  const [file, ...others] = buildPbocFiles({ institutionCode: INSTITUTION, generatedAt, records: [loanOpened, lineStatement] });

  it('is a 34-character name, a 50-character header with the count, then one record per CRLF line', () => {
    expect(others).toEqual([]);
    expect(file.fileName).toBe('F110105000001A202406012100001' + '0.txt');
    expect(file.fileName).toHaveLength(34);
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe('A0502102.0.0  F110105000001A2024060109153000000002');
    expect(lines[0]).toHaveLength(50);
    expect(lines.slice(1)).toEqual([loanOpened, lineStatement, '']);
  });

  it('passes the file validator', () => {
    expect(validatePbocFile(file)).toEqual([]);
  });

  it('puts a second report of the same account in the next file (no AcctCode twice in a file, ABR002)', () => {
    const files = buildPbocFiles({ institutionCode: INSTITUTION, generatedAt, firstSerial: 7, records: [loanOpened, lineStatement, loanStatement] });
    expect(files.map((f) => [f.fileName.slice(26, 29), f.recordCount])).toEqual([
      ['007', 2],
      ['008', 1],
    ]);
    for (const f of files) expect(validatePbocFile(f)).toEqual([]);
  });

  it('writes no file for no records', () => {
    expect(buildPbocFiles({ institutionCode: INSTITUTION, generatedAt, records: [] })).toEqual([]);
  });

  describe('validatePbocFile', () => {
    it.each([
      ['a bad file name', { fileName: 'f110105000001a2024060121000010.txt' }, { ruleId: 'pboc.file.name', path: '(fileName)', code: 'bad-file-name' }],
      ['a wrong count', { content: file.content.replace('0000002\r\n', '0000003\r\n') }, { ruleId: 'pboc.file.header', path: 'header.recordCount', code: 'mismatch' }],
      ['a header of another institution', { content: file.content.replace('  F110105000001A', '  F110105000001B') }, { ruleId: 'pboc.file.header', path: 'header.institutionCode', code: 'differs-from-file-name' }],
      ['a header dated another day', { content: file.content.replace('20240601091530', '20240602091530') }, { ruleId: 'pboc.file.header', path: 'header.generatedAt', code: 'differs-from-file-name' }],
      ['LF line ends', { content: file.content.replace(/\r\n/g, '\n') }, { ruleId: 'pboc.file.line-ending', path: '(file)', code: 'missing-final-crlf' }],
      ['a short header', { content: file.content.replace('2.0.0  ', '2.0.0 ') }, { ruleId: 'pboc.file.header', path: 'header', code: 'bad-header' }],
    ])('reports %s', (_, change, violation) => {
      expect(validatePbocFile({ ...file, ...change })).toContainEqual(violation);
    });

    it('reports two records for one account in a file', () => {
      const content = file.content.replace('0000002\r\n', '0000003\r\n') + loanStatement + '\r\n';
      expect(validatePbocFile({ ...file, content })).toEqual([{ ruleId: 'pboc.file.duplicate-account-code', path: 'records[2].AcctBsSgmt.AcctCode', code: 'duplicate-in-file' }]);
    });

    it('validates each record against the file date and institution, with its index in the path', () => {
      const [early] = buildPbocFiles({ institutionCode: INSTITUTION, generatedAt: '2024-05-30T09:00:00', records: [lineStatement] });
      expect(validatePbocFile(early)).toEqual([{ ruleId: 'pboc.210.report-date-not-after-file-date', path: 'records[0].AcctBsSgmt.RptDate', code: 'after-file-date' }]);
      const [other] = buildPbocFiles({ institutionCode: 'B000000000000X', generatedAt, records: [payload(aPbocStatementRecord({ account: { balance: new Big(5) } }))] });
      expect(validatePbocFile(other)).toEqual([{ ruleId: 'pboc.210.codes-carry-institution', path: 'records[0].AcctBsSgmt.AcctCode', code: 'not-of-this-institution' }]);
    });
  });
});

import { BAIHANG_FORMAT } from '../baihang.format';
import type { BaihangRecordKind } from '../baihang-record.specs';
import { aBaihangLineOpenedRecord, aBaihangLoanOpenedRecord, aBaihangRepaymentRecord } from '../testing';
import { buildBaihangFile, type BaihangFileRecord } from './baihang-file.builder';
import { validateBaihangFile } from './baihang-file.validator';

const recordOf = (source: Parameters<typeof BAIHANG_FORMAT.format>[0]): BaihangFileRecord => {
  const [{ recordKind, payload }] = BAIHANG_FORMAT.format(source);
  return { recordKind: recordKind as BaihangRecordKind, payload };
};

describe('Baihang batch file', () => {
  const repayment = recordOf(aBaihangRepaymentRecord());
  const opened = recordOf(aBaihangLoanOpenedRecord());
  const line = recordOf(aBaihangLineOpenedRecord());
  const file = buildBaihangFile({ institutionId: 'BH2019000123', generatedAt: '2024-07-01T02:00:00', records: [line, repayment, opened] });

  it('groups records under their section markers, D2 before D3 before X2, CRLF', () => {
    expect(file.fileName).toBe('BH2019000123_20240701020000_001.txt');
    expect(file.recordCount).toBe(3);
    expect(file.content.split('\r\n')).toEqual(['#singleLoanAccountInfo', opened.payload, '#singleLoanRepayInfo', repayment.payload, '#loopLoanAccountInfo', line.payload, '']);
  });

  it('passes the file validator', () => {
    expect(validateBaihangFile(file.content)).toEqual([]);
  });

  describe('validateBaihangFile', () => {
    it.each([
      ['LF line ends', file.content.replace(/\r\n/g, '\n'), { ruleId: 'baihang.file.line-ending', path: '(file)', code: 'missing-final-crlf' }],
      ['an unknown section', `#shoppingInfo\r\n${file.content}`, { ruleId: 'baihang.file.section-marker', path: 'lines[0]', code: 'unknown-section' }],
      ['a record before any section', `${opened.payload}\r\n${file.content}`, { ruleId: 'baihang.file.section-marker', path: 'lines[0]', code: 'record-before-section' }],
      ['a non-JSON line in a section Furnish does not write', '#loanApplyInfo\r\nnot json\r\n', { ruleId: 'baihang.file.json', path: 'lines[1]', code: 'not-a-json-object' }],
      ['a repeated reqID', file.content + `${repayment.payload}\r\n`, { ruleId: 'baihang.file.unique-req-id', path: 'lines[6].reqID', code: 'duplicate-in-file' }],
    ])('reports %s', (_, content, violation) => {
      expect(validateBaihangFile(content)).toContainEqual(violation);
    });

    it('checks a D3 term against its loan’s D2 in the same file', () => {
      const lateTerm = { ...repayment, payload: repayment.payload.replace('"termNo":5', '"termNo":13').replace(/"reqID":"\w+"/, '"reqID":"X1"') };
      const content = buildBaihangFile({ institutionId: 'BH', generatedAt: '2024-07-01T02:00:00', records: [opened, lateTerm] }).content;
      expect(validateBaihangFile(content)).toEqual([{ ruleId: 'baihang.file.term-within-total', path: 'lines[3].termNo', code: 'after-last-term' }]);
    });

    it('validates each record with its line in the path', () => {
      const content = `#singleLoanRepayInfo\r\n${repayment.payload.replace('"loanStatus":1', '"loanStatus":7')}\r\n`;
      expect(validateBaihangFile(content)).toEqual([{ ruleId: 'baihang.d3.code-table', path: 'lines[1].loanStatus', code: 'not-in-code-table' }]);
    });
  });
});

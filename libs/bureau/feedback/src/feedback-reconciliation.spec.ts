import { FeedbackFileError } from './errors';
import { findResent, reconcileFeedback } from './feedback-reconciliation';
import type { ParsedFeedbackFile } from './feedback.model';
import { keyOf, type KeyedRecord, type SentRecord } from './outbound-reference';
import { canMove, currentState, type BureauRecordState } from './record-state';
import { codeLabelOf, ruleTextOf } from './feedback-codes';

// Payloads written by hand from bureau-formats.md, not by the writers: PBOC §2.4/§2.9 (B segment
// first, AcctCode and RptDate in it), Metro 2 §1.5 (ConsumerAccountNumber 43-72, DateAccountInformation
// 182-189), Baihang §3.4 (reqID, loanId).
const pboc210 = (acctCode: string, rptDate: string) =>
  `<Document><InAcctInf><AcctBsSgmt><InfRecType>210</InfRecType><AcctType>D1</AcctType><AcctCode>${acctCode}</AcctCode><RptDate>${rptDate}</RptDate><RptDateCode>30</RptDateCode></AcctBsSgmt></InAcctInf></Document>`;
const metro2Base = (account: string, mmddyyyy: string) => {
  const chars = Array<string>(426).fill(' ');
  const put = (pos: number, text: string) => [...text].forEach((c, i) => (chars[pos - 1 + i] = c));
  put(1, '0426');
  put(43, account.padEnd(30, ' '));
  put(182, mmddyyyy);
  return chars.join('');
};
const at = (minute: number) => new Date(Date.UTC(2024, 6, 1, 10, minute));
const sent = (recordId: string, bureau: SentRecord['bureau'], recordKind: string, payload: string, minute: number): SentRecord => ({ recordId, bureau, recordKind, payload, producedAt: at(minute) });

describe('keyOf', () => {
  it('reads each bureau’s own reference and subject from the payload', () => {
    expect(keyOf(sent('r1', 'pboc-crc', 'PBOC_210', pboc210('N101W1100H0017ACC1', '2024-06-30'), 0))).toMatchObject({
      reference: 'N101W1100H0017ACC1@2024-06-30',
      subject: 'N101W1100H0017ACC1@2024-06-30',
    });
    expect(keyOf(sent('r2', 'metro2', 'METRO2_BASE', metro2Base('ACC-0001', '06302024'), 0))).toMatchObject({ reference: 'ACC-0001@06302024' });
    expect(keyOf(sent('r3', 'baihang', 'BAIHANG_D3', JSON.stringify({ reqID: 'r3', loanId: 'L1', termNo: 4 }), 0))).toMatchObject({ reference: 'r3', subject: 'BAIHANG_D3:L1:4' });
  });

  it('gives no key to a payload it cannot read', () => {
    expect(keyOf(sent('r1', 'pboc-crc', 'PBOC_212', '<Document><Other/></Document>', 0))).toBeNull();
    expect(keyOf(sent('r2', 'metro2', 'METRO2_BASE', 'short', 0))).toBeNull();
    expect(keyOf(sent('r3', 'baihang', 'BAIHANG_D2', '{not json', 0))).toBeNull();
  });
});

const file = (items: ParsedFeedbackFile['items']): ParsedFeedbackFile => ({ bureau: 'pboc-crc', form: 'pboc-crc-feedback', fileName: 'f.txt', digest: 'd', items });
const keyed = (recordId: string, reference: string, minute: number, bureau: KeyedRecord['bureau'] = 'pboc-crc'): KeyedRecord => ({ recordId, bureau, reference, subject: reference, producedAt: at(minute) });

describe('reconcileFeedback', () => {
  it('rejects with codes, accepts without, and answers the newest record not yet answered', () => {
    const states: Record<string, BureauRecordState> = { old: 'REJECTED' };
    const outcomes = reconcileFeedback(
      file([
        { line: 2, reference: 'A@2024-06-30', codes: ['BLE015'] },
        { line: 3, reference: 'B@2024-06-30', codes: [] },
      ]),
      [keyed('old', 'A@2024-06-30', 0), keyed('new', 'A@2024-06-30', 5), keyed('b', 'B@2024-06-30', 1), keyed('other-bureau', 'B@2024-06-30', 9, 'metro2')],
      (id) => states[id] ?? 'SENT',
    );
    expect(outcomes).toEqual([
      {
        line: 2,
        recordId: 'new',
        bureau: 'pboc-crc',
        state: 'REJECTED',
        codes: ['BLE015'],
        // bureau-formats.md §2.8 item 5, [BLE015]
        rules: ['RpyStatus * requires CurRpyAmt, OverdPrd, TotOverd and PridAcctBal to be 0 (bureau-formats.md §2.8.5)'],
        codeLabels: ['BLE015'],
      },
      { line: 3, recordId: 'b', bureau: 'pboc-crc', state: 'ACCEPTED', codes: [], rules: [], codeLabels: [] },
    ]);
  });

  it('refuses the whole file when a line names no sent record, or only answered ones', () => {
    const run = (stateOf: () => BureauRecordState) => () => reconcileFeedback(file([{ line: 7, reference: 'A@2024-06-30', codes: [] }]), [keyed('a', 'A@2024-06-30', 0)], stateOf);
    expect(() => reconcileFeedback(file([{ line: 4, reference: 'Z@2024-06-30', codes: [] }]), [], () => 'SENT')).toThrow(/line 4: no record sent/);
    expect(run(() => 'ACCEPTED')).toThrow(FeedbackFileError);
    expect(run(() => 'ACCEPTED')).toThrow(/line 7: every record/);
  });
});

describe('findResent', () => {
  it('supersedes a rejected record by the earliest later record about the same subject', () => {
    const records = [keyed('rejected', 'A@2024-06-30', 1), keyed('earlier', 'A@2024-06-30', 0), keyed('fix1', 'A@2024-06-30', 3), keyed('fix2', 'A@2024-06-30', 7), keyed('x', 'B@2024-06-30', 9)];
    expect(findResent([{ recordId: 'rejected', bureau: 'pboc-crc' }], records)).toEqual([{ recordId: 'rejected', bureau: 'pboc-crc', supersededBy: 'fix1' }]);
  });

  it('leaves a rejection with no later record, or not among the sent records, as it is', () => {
    expect(findResent([{ recordId: 'r', bureau: 'pboc-crc' }], [keyed('r', 'A@2024-06-30', 5), keyed('older', 'A@2024-06-30', 1)])).toEqual([]);
    expect(findResent([{ recordId: 'gone', bureau: 'pboc-crc' }], [keyed('r', 'A@2024-06-30', 5)])).toEqual([]);
  });
});

describe('record states', () => {
  it('moves only along the table', () => {
    expect(currentState([])).toBe('SENT');
    expect(currentState(['REJECTED', 'RESENT'])).toBe('RESENT');
    expect(canMove('SENT', 'REJECTED')).toBe(true);
    expect(canMove('REJECTED', 'RESENT')).toBe(true);
    expect(canMove('ACCEPTED', 'REJECTED')).toBe(false);
    expect(canMove('SENT', 'RESENT')).toBe(false);
  });
});

describe('feedback codes', () => {
  it('maps a known PBOC code to the rule bureau-formats.md §2.8.5 gives it, and labels unknown codes other', () => {
    expect(ruleTextOf('pboc-crc', 'BLE015')).toBe('RpyStatus * requires CurRpyAmt, OverdPrd, TotOverd and PridAcctBal to be 0 (bureau-formats.md §2.8.5)');
    expect(ruleTextOf('pboc-crc', 'R2100107')).toContain('segment');
    expect(codeLabelOf('pboc-crc', 'BLE015')).toBe('BLE015');
    expect(codeLabelOf('pboc-crc', 'ZZZ999')).toBe('other');
    expect(codeLabelOf('baihang', 'E01')).toBe('other');
    expect(ruleTextOf('baihang', 'E01')).toContain('§3.7');
  });
});

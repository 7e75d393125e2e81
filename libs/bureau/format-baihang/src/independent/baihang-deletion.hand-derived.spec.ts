import { BAIHANG_DELETION, validateBaihangDeletion } from '../baihang-deletion';

/**
 * Baihang's deletion form, expected values derived by hand from bureau-formats.md §3.4 (reqID
 * letters and digits, at most 40; opCode A/M/D; uploadTs YYYY-MM-DDTHH:mm:ss) and §5.3 rules 2-3.
 */
describe('Baihang deletion (hand-derived)', () => {
  const original = { recordId: 'c'.repeat(32), recordKind: 'BAIHANG_D3' as const, accountKey: 'IL0000067890', reportDate: '2024-05-31' as never };

  it('is opCode D naming the request and the loan, in Beijing wall-clock time', () => {
    // 2024-06-30T17:00:05Z is 2024-07-01 01:00:05 in Beijing (UTC+8).
    const record = BAIHANG_DELETION.deletion(original, 'd'.repeat(32), new Date('2024-06-30T17:00:05Z'));
    expect(record.recordKind).toBe('BAIHANG_DELETE');
    expect(record.reportDate).toBe('2024-07-01');
    expect(JSON.parse(record.payload)).toEqual({ reqID: 'd'.repeat(32), opCode: 'D', uploadTs: '2024-07-01T01:00:05', loanId: 'IL0000067890' });
    expect(Object.keys(JSON.parse(record.payload))).toEqual(['reqID', 'opCode', 'uploadTs', 'loanId']);
  });

  it('refuses a reqID that is not letters and digits, or longer than 40', () => {
    const base = { reqID: 'abc123', opCode: 'D' as const, uploadTs: '2024-07-01T01:00:05', loanId: 'IL1' };
    expect(validateBaihangDeletion(base)).toEqual([]);
    expect(validateBaihangDeletion({ ...base, reqID: 'abc-123' }).map((v) => v.path)).toEqual(['delete.reqID']);
    expect(validateBaihangDeletion({ ...base, reqID: 'a'.repeat(41) }).map((v) => v.path)).toEqual(['delete.reqID']);
    expect(validateBaihangDeletion({ ...base, opCode: 'A' as never }).map((v) => v.path)).toEqual(['delete.opCode']);
    expect(() => BAIHANG_DELETION.deletion({ ...original, accountKey: '' }, 'd'.repeat(32), new Date())).toThrow(/Baihang deletion record violates/);
  });
});

import { PBOC_214_DELETION, validatePboc214 } from '../pboc-214.deletion';

/**
 * The 214 whole-record deletion request, expected values derived by hand from bureau-formats.md:
 * §2.3 names 214 个人借贷账户整笔删除请求; the request names the account by 待删除业务标识码, the
 * AcctCode of §2.5 (AN..60); §2.2 one XML document per line, no declaration.
 */
describe('PBOC 214 whole-record deletion (hand-derived)', () => {
  const original = { recordId: 'a'.repeat(32), recordKind: 'PBOC_210' as const, accountKey: 'N101W1100H0017IL0000067890', reportDate: '2024-05-31' as never };

  it('names only the record type and the account, one XML line; reported on the day it is made in Beijing', () => {
    // 2024-06-30T17:00Z is 2024-07-01 01:00 in Beijing (UTC+8).
    const record = PBOC_214_DELETION.deletion(original, 'b'.repeat(32), new Date('2024-06-30T17:00:00Z'));
    expect(record).toEqual({
      recordKind: 'PBOC_214',
      reportDate: '2024-07-01',
      payload: '<Document><InAcctEntDel><InfRecType>214</InfRecType><DelRecCode>N101W1100H0017IL0000067890</DelRecCode></InAcctEntDel></Document>',
      formatVersion: '2.0.0',
      accountKey: 'N101W1100H0017IL0000067890',
    });
  });

  it.each([
    ['empty', '', 'too-short'],
    ['61 characters (AN..60)', 'A'.repeat(61), 'too-long'],
    ['not alphanumeric', 'N101W1100H0017-IL1', 'bad-format'],
  ])('refuses an account code that is %s', (_name, accountKey, code) => {
    expect(validatePboc214({ InfRecType: '214', DelRecCode: accountKey })).toEqual([{ ruleId: 'pboc.214.data-type', path: 'InAcctEntDel.DelRecCode', code }]);
    expect(() => PBOC_214_DELETION.deletion({ ...original, accountKey }, 'b'.repeat(32), new Date())).toThrow(/PBOC 214 request violates 1 bureau rule/);
  });

  it('accepts exactly 60 characters', () => {
    expect(validatePboc214({ InfRecType: '214', DelRecCode: 'A'.repeat(60) })).toEqual([]);
  });
});

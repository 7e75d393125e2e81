import { PBOC_CRC_FORMAT } from '../pboc-crc.format';
import { aPbocLoanOpenedRecord } from '../testing';
import { parse210, SEGMENT_ORDER_2_4 } from './pboc-210.independent-parser';

/**
 * Independent check of the 210 record (issue 14). The segment order is transcribed by hand from
 * bureau-formats.md §2.4 and the record is read by a small parser written here (not the writer's
 * layout tables nor readPboc210); every expected element is derived by hand from the fixture
 * (aPbocLoanOpenedRecord: a 12-month, 12,000.00 cash loan opened 2024-01-20) and the cited rule.
 */
describe('PBOC 210 new-account record, hand-derived from §2.4-§2.8 (independent of the writer)', () => {
  const [formatted] = PBOC_CRC_FORMAT.format(aPbocLoanOpenedRecord());
  const record = parse210(formatted.payload);

  it('has segments B, C and H in §2.4 order: §2.7 code 10 for D1 with Flag 0 — C and H required, F absent', () => {
    expect(record.segments).toEqual(['AcctBsSgmt', 'AcctBsInfSgmt', 'AcctMthlyBlgInfSgmt']);
    expect([...record.segments].sort((a, b) => SEGMENT_ORDER_2_4.indexOf(a) - SEGMENT_ORDER_2_4.indexOf(b))).toEqual(record.segments);
  });

  it('B 基础段', () => {
    expect(record.elements.AcctBsSgmt).toEqual({
      InfRecType: '210', // §2.5: must equal the header type 210
      AcctType: 'D1', // §2.6: D1 非循环贷账户 (instalment loan)
      AcctCode: 'F110105000001AIL0000067890', // §5.2-14: starts with the institution code, then the account id
      RptDate: '2024-01-20', // event 2024-01-20T06:31Z = 14:31 Beijing; §5.2-9 RptDate − OpenDate ≤ 29 days (BLE008)
      RptDateCode: '10', // §2.6: 10 新开户
      Name: '王小明', // ANC..30
      IDType: '10', // §2.6: 10 居民身份证
      IDNum: '330106199003071236', // §2.8-15: GB 11643 check digit 6
      MngmtOrgCode: 'F110105000001A', // AN14
    });
  });

  it('C 基本信息段', () => {
    expect(record.elements.AcctBsInfSgmt).toEqual({
      BusiLines: '1', // §2.5: 1 贷款
      BusiDtlLines: '91', // §2.6: 91 其他个人消费贷款
      OpenDate: '2024-01-20',
      Cy: 'CNY', // ISO 4217
      LoanAmt: '12000', // §2.5: only D1/R4/C1; uInt..15, 12,000.00 in whole yuan
      Flag: '0', // §2.5: 0 one-off disbursement
      DueDate: '2025-01-20', // ≥ OpenDate (BLE009)
      RepayMode: '11', // §2.6: 11 分期等额本息 (equal instalments)
      RepayFreqcy: '03', // §2.6: 03 月
      RepayPrd: '12', // §2.5: only D1/R4; 12 instalments (mode 11 is not 21-29, BLE038)
      ApplyBusiDist: '330106', // 6-digit district code
      GuarMode: '4', // §2.5: 4 信用/免担保 (unsecured) — D not required (§2.7: only GuarMode 3/5)
      OthRepyGuarWay: '0', // 0 无
      AssetTrandFlag: '0', // 0 未转让
      FundSou: '1', // 1 自营
      LoanForm: '1', // 1 新增
    });
  });

  it('H 月度表现信息段', () => {
    expect(record.elements.AcctMthlyBlgInfSgmt).toEqual({
      Month: '2024-01', // §5.2-9: month of RptDate (BLE039)
      AcctStatus: '1', // §2.6: 1 正常
      AcctBal: '12000', // nothing repaid yet
      RemRepPrd: '12', // all 12 instalments remain
      FiveCate: '1', // §2.6: 1 正常 (0 days past due)
      FiveCateAdjDate: '2024-01-20', // required (ABD000/ABE000, issue 14): the report date; ≥ OpenDate (BLE005), ≤ RptDate (ABE007)
      RpyStatus: '*', // §2.6: * nothing due this month and nothing owed before
      OverdPrd: '0', // §2.8-5 (BLE015): * ⇒ 0
      TotOverd: '0', // §2.8-5 (BLE015): * ⇒ 0
      OverdPrinc: '0', // §2.5: only D1/R1/R4
      Oved31_60Princ: '0',
      Oved61_90Princ: '0',
      Oved91_180Princ: '0',
      OvedPrinc180: '0',
      CurRpyAmt: '0', // §2.8-5 (BLE015): * ⇒ 0
      ActRpyAmt: '0', // nothing repaid
      LatRpyDate: '2024-01-20', // required (issue 14); before the first repayment the open date (§2.9 sample carries it at code 10), ABE007/BLE005
    });
  });
});

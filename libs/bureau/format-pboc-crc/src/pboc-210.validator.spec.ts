import fc from 'fast-check';
import { buildPboc210 } from './pboc-210.builder';
import { PBOC_210_SEGMENTS, inScope } from './layouts/pboc-210.layout';
import type { ModelledSegmentTag, Pboc210Record } from './layouts/pboc-210.model';
import type { PbocDataType } from './layouts/pboc-data-type';
import { readPboc210 } from './pboc-210.reader';
import { validatePboc210 } from './pboc-210.validator';
import { writePboc210 } from './pboc-210.writer';
import { PBOC_CRC_FORMAT } from './pboc-crc.format';
import { aPbocLoanOpenedRecord, aPbocStatementRecord, arbitraryPbocRecord } from './testing';
import type { PbocAccountType } from './code-tables';

const r1Monthly = buildPboc210(aPbocStatementRecord()).record!;
const line = writePboc210(r1Monthly);

describe('210 reader and validator', () => {
  it('round-trips: read(write(record)) gives the record back', () => {
    expect(readPboc210(line)).toEqual({ record: r1Monthly, violations: [] });
    const d1 = buildPboc210(aPbocLoanOpenedRecord()).record!;
    expect(readPboc210(writePboc210(d1)).record).toEqual(d1);
  });

  it('keeps segments it does not model, so their presence and counts can be checked', () => {
    const withGuarantors = line.replace('</AcctBsInfSgmt>', '</AcctBsInfSgmt><RltRepymtInfSgmt><RltRepymtNm>2</RltRepymtNm><RltRepymtInf><ArlpName>李四</ArlpName></RltRepymtInf></RltRepymtInfSgmt>');
    expect(writePboc210(readPboc210(withGuarantors).record!)).toBe(withGuarantors);
    expect(validatePboc210(withGuarantors)).toEqual([{ ruleId: 'pboc.210.group-count', path: 'RltRepymtInfSgmt.RltRepymtNm', code: 'count-mismatch' }]);
  });

  it.each([
    ['not XML', 'hello', { ruleId: 'pboc.210.xml', path: '(record)', code: 'malformed-xml' }],
    ['an XML declaration', `<?xml version="1.0"?>${line}`, { ruleId: 'pboc.210.xml', path: '(record)', code: 'malformed-xml' }],
    ['another root', line.replace(/Document/g, 'Doc'), { ruleId: 'pboc.210.xml', path: '(record)', code: 'not-document-in-acct-inf' }],
    ['an unknown element (closed world)', line.replace('<Cy>', '<Merchant>x</Merchant><Cy>'), { ruleId: 'pboc.210.xml', path: 'AcctBsInfSgmt.Merchant', code: 'unknown-element' }],
    ['an unknown segment', line.replace('</InAcctInf>', '<Extra/></InAcctInf>'), { ruleId: 'pboc.210.xml', path: 'InAcctInf.Extra', code: 'unknown-element' }],
    ['segments out of order', line.replace(/(<AcctBsInfSgmt>.*<\/AcctBsInfSgmt>)(<AcctMthlyBlgInfSgmt>.*<\/AcctMthlyBlgInfSgmt>)/, '$2$1'), { ruleId: 'pboc.210.xml', path: 'AcctBsInfSgmt', code: 'out-of-order' }],
    ['a repeated element', line.replace('<Cy>CNY</Cy>', '<Cy>CNY</Cy><Cy>CNY</Cy>'), { ruleId: 'pboc.210.xml', path: 'AcctBsInfSgmt.Cy', code: 'duplicate-element' }],
  ])('reports %s', (_, text, violation) => {
    expect(validatePboc210(text)).toContainEqual(violation);
  });

  it('checks element presence by account type (§2.5): required within scope, forbidden outside it', () => {
    const violations = validatePboc210(line.replace('<AcctCredLine>20000</AcctCredLine>', '<LoanAmt>20000</LoanAmt>'));
    expect(violations).toEqual([
      { ruleId: 'pboc.210.field-presence', path: 'AcctBsInfSgmt.AcctCredLine', code: 'required' },
      { ruleId: 'pboc.210.field-presence', path: 'AcctBsInfSgmt.LoanAmt', code: 'forbidden-for-account-type' },
    ]);
  });

  it('treats an empty element as absent, as the vendor sample does (§2.9)', () => {
    expect(validatePboc210(line.replace('<SettDate>2024-05-31</SettDate>', '<SettDate></SettDate>'))).toEqual([]);
    expect(validatePboc210(line.replace('<AcctBal>3268</AcctBal>', '<AcctBal/>'))).toEqual([
      { ruleId: 'pboc.210.field-presence', path: 'AcctMthlyBlgInfSgmt.AcctBal', code: 'required' },
    ]);
  });

  it('checks the segment matrix (§2.7) and the code/account-type pairs', () => {
    const withoutMonthly = line.replace(/<AcctMthlyBlgInfSgmt>.*<\/AcctMthlyBlgInfSgmt>/, '');
    expect(validatePboc210(withoutMonthly)).toEqual([{ ruleId: 'pboc.210.segment-presence', path: 'AcctMthlyBlgInfSgmt', code: 'required-segment' }]);
    const recoveryWithMonthly = line.replace('<RptDateCode>30</RptDateCode>', '<RptDateCode>40</RptDateCode>');
    expect(validatePboc210(recoveryWithMonthly)).toEqual(
      expect.arrayContaining([
        { ruleId: 'pboc.210.segment-presence', path: 'AcctBsInfSgmt', code: 'forbidden-segment' },
        { ruleId: 'pboc.210.segment-presence', path: 'AcctMthlyBlgInfSgmt', code: 'forbidden-segment' },
        { ruleId: 'pboc.210.segment-presence', path: 'AcctDbtInfSgmt', code: 'required-segment' },
      ]),
    );
    const quasiCardRecovery = validatePboc210(recoveryWithMonthly.replace('<AcctType>R1</AcctType>', '<AcctType>R3</AcctType>'));
    expect(quasiCardRecovery).toContainEqual({ ruleId: 'pboc.210.report-time-code-account-type', path: 'AcctBsSgmt.RptDateCode', code: 'not-allowed-for-account-type' });
  });

  it('forbids the credit-agreement link on a one-off D1 loan and requires it on a new R1 line', () => {
    const d1 = writePboc210({ ...buildPboc210(aPbocLoanOpenedRecord()).record!, AcctCredSgmt: { Mcc: 'F110105000001ACA1' } });
    expect(validatePboc210(d1)).toEqual([{ ruleId: 'pboc.210.segment-presence', path: 'AcctCredSgmt', code: 'forbidden-segment' }]);
    const r1 = PBOC_CRC_FORMAT.format(aPbocStatementRecord({ eventType: 'ACCOUNT_OPENED', occurredAt: new Date('2023-01-15T03:00:00Z'), statement: null, account: { lastPaymentDate: null } }))[0].payload;
    expect(validatePboc210(r1.replace(/<AcctCredSgmt>.*<\/AcctCredSgmt>/, ''))).toEqual([{ ruleId: 'pboc.210.segment-presence', path: 'AcctCredSgmt', code: 'required-segment' }]);
  });

  describe('property: a single corrupted element of a formatted record is reported at that element', () => {
    const invalidValues = (type: PbocDataType): string[] => {
      switch (type.kind) {
        case 'AN':
          return ['#', 'A'.repeat(type.max + 1)];
        case 'ANC':
          return ['\u0001', '王'.repeat(type.max + 1)];
        case 'uInt':
          return ['-1', '1.5', '9'.repeat(type.max + 1)];
        case 'Date':
          return ['2024-02-30', '1900-12-31', '20240101'];
        case 'Month':
          return ['2024-13', '2100-01', '2024-1'];
        case 'code':
          return ['ZZ'];
        case 'pattern':
          return ['#'];
      }
    };
    type Corruption = { segment: ModelledSegmentTag; field: string; value: string | undefined };
    const corruptionsOf = (record: Pboc210Record): Corruption[] => {
      const type = record.AcctBsSgmt.AcctType as PbocAccountType;
      return (Object.keys(PBOC_210_SEGMENTS) as ModelledSegmentTag[])
        .filter((segment) => record[segment] !== undefined)
        .flatMap((segment) =>
          PBOC_210_SEGMENTS[segment].fields.flatMap((field) => {
            const present = (record[segment] as unknown as Record<string, string | undefined>)[field.name] !== undefined;
            if (!inScope(field.scope, type)) return [{ segment, field: field.name, value: '1' }];
            const removal = present && field.presence === 'required' ? [{ segment, field: field.name, value: undefined }] : [];
            return [...removal, ...invalidValues(field.type).map((value) => ({ segment, field: field.name, value }))];
          }),
        );
    };

    it('holds for random valid records', () => {
      fc.assert(
        fc.property(
          arbitraryPbocRecord()
            .map((source) => buildPboc210(source).record)
            .filter((record): record is Pboc210Record => record !== null)
            .chain((record) => fc.tuple(fc.constant(record), fc.constantFrom(...corruptionsOf(record)))),
          ([record, { segment, field, value }]) => {
            const corrupted = { ...record, [segment]: { ...(record[segment] as object), [field]: value } };
            const paths = validatePboc210(writePboc210(corrupted as Pboc210Record)).map((v) => v.path);
            expect(paths).toContain(`${segment}.${field}`);
          },
        ),
        { numRuns: 600 },
      );
    });
  });
});

import fc from 'fast-check';
import { BAIHANG_FORMAT } from './baihang.format';
import { BAIHANG_RECORD_SPECS, type BaihangRecordKind } from './baihang-record.specs';
import { validateBaihangRecord } from './baihang-record.validator';
import { keyOf, type JsonFieldType, type JsonLayout } from './layouts/json-layout';
import { readJsonRecord, writeJsonRecord } from './layouts/json-record';
import { aBaihangLineOpenedRecord, aBaihangLoanOpenedRecord, aBaihangRepaymentRecord, arbitraryBaihangRecord } from './testing';

const layoutOf = (kind: string): JsonLayout<Record<string, unknown>> => BAIHANG_RECORD_SPECS[kind as BaihangRecordKind].layout as unknown as JsonLayout<Record<string, unknown>>;

describe('Baihang record reader and validator', () => {
  it.each([
    ['D2', aBaihangLoanOpenedRecord()],
    ['D3', aBaihangRepaymentRecord()],
    ['X2', aBaihangLineOpenedRecord()],
  ])('round-trips a %s: write(read(line)) is the line, with no violations', (_, source) => {
    const [{ recordKind, payload }] = BAIHANG_FORMAT.format(source);
    const layout = layoutOf(recordKind);
    const { record, violations } = readJsonRecord(layout, payload, 'r');
    expect(violations).toEqual([]);
    expect(writeJsonRecord(layout, record!)).toBe(payload);
  });

  it('rejects any key outside the layout: nothing unlisted leaves the lender', () => {
    const payload = BAIHANG_FORMAT.format(aBaihangLoanOpenedRecord())[0].payload.replace('{', '{"device":{"imei":"x"},');
    expect(validateBaihangRecord('BAIHANG_D2', payload)).toEqual([{ ruleId: 'baihang.d2.json', path: 'd2.device', code: 'unknown-field' }]);
  });

  it.each([
    ['not JSON', '{"reqID":', { ruleId: 'baihang.d3.json', path: 'd3', code: 'malformed-json' }],
    ['an array', '[1]', { ruleId: 'baihang.d3.json', path: 'd3', code: 'not-an-object' }],
  ])('reports %s', (_, line, violation) => {
    expect(validateBaihangRecord('BAIHANG_D3', line)).toEqual([violation]);
  });

  describe('property: a single corrupted key of a formatted record is reported at that key', () => {
    const invalidValues = (type: JsonFieldType): unknown[] => {
      switch (type.kind) {
        case 'text':
          return [42, 'x'.repeat(type.max + 1), ...(type.pattern ? ['#'] : [])];
        case 'timestamp':
          return ['2024-01-20 14:31:00', '2024-02-30T00:00:00', '2024-01-20T24:00:00'];
        case 'date':
          return ['2024-02-30', '20240101', 20240101];
        case 'date-list':
          return ['2024-01-01,2024-13-01', ''];
        case 'amount':
          return ['12', '1.234', '-1.00', 12.5];
        case 'integer':
          return [1.5, '3', type.min - 1, type.max + 1];
        case 'code':
          return ['ZZ', 999];
      }
    };

    it('holds for random valid records', () => {
      const formatted = arbitraryBaihangRecord()
        .map((source) => BAIHANG_FORMAT.format(source))
        .filter((records) => records.length > 0)
        .map((records) => records[0]);
      fc.assert(
        fc.property(
          formatted.chain((record) => {
            const layout = layoutOf(record.recordKind);
            const object = JSON.parse(record.payload) as Record<string, unknown>;
            const corruptions = layout.fields.flatMap((field) => [
              ...invalidValues(field.type).map((value) => ({ key: keyOf(field), value })),
              ...(field.presence === 'required' && object[keyOf(field)] !== undefined ? [{ key: keyOf(field), value: undefined }] : []),
            ]);
            return fc.tuple(fc.constant(record), fc.constantFrom(...corruptions));
          }),
          ([record, { key, value }]) => {
            const object = { ...(JSON.parse(record.payload) as Record<string, unknown>), [key]: value };
            const kind = record.recordKind as BaihangRecordKind;
            const paths = validateBaihangRecord(kind, JSON.stringify(object)).map((v) => v.path);
            expect(paths).toContain(`${kind.slice(8).toLowerCase()}.${key}`);
          },
        ),
        { numRuns: 600 },
      );
    });
  });
});

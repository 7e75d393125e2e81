import fc from 'fast-check';
import { defineLayout, layoutGeometryProblems } from './fixed-width.layout';
import { readFixedWidth } from './fixed-width.reader';
import { validateFixedWidth } from './fixed-width.validator';
import { writeFixedWidth } from './fixed-width.writer';
import { FixedWidthWriteError } from './errors';
import { fieldLabel } from './field-spec';
import { invalidFieldSamples, replaceField } from './testing';

interface Sample {
  id: string;
  code: string;
  name: string;
  amount: number;
  opened: string | null;
  stamp: string | null;
  history: string;
}

const SAMPLE = defineLayout<Sample>({
  id: 'sample',
  length: 60,
  charset: /^[A-Z0-9 -]*$/,
  fields: [
    { name: 'id', type: 'constant', start: 1, length: 3, value: 'SMP' },
    { name: 'code', type: 'alphanumeric', start: 4, length: 2, presence: 'required', codes: ['AA', 'B'] },
    { name: 'name', type: 'alphanumeric', start: 6, length: 10, presence: 'optional' },
    { name: 'amount', type: 'numeric', start: 16, length: 6, presence: 'optional' },
    { name: 'opened', type: 'date', start: 22, length: 8, presence: 'required', format: 'MMDDYYYY' },
    { name: 'stamp', type: 'timestamp', start: 30, length: 14, presence: 'optional', format: 'MMDDYYYYHHMMSS' },
    { type: 'filler', label: 'reserved', start: 44, length: 4 },
    { name: 'history', type: 'alphanumeric', start: 48, length: 13, presence: 'optional', keepTrailingBlanks: true, charset: /^[0-9B ]*$/ },
  ],
});

const valid: Sample = {
  id: 'SMP',
  code: 'AA',
  name: 'DOE-SMITH',
  amount: 1234,
  opened: '2024-02-29',
  stamp: '2024-05-31T23:59:58',
  history: '0 1BBBBBBBBBB',
};

describe('fixed-width engine', () => {
  it('writes every field at its position with its fill', () => {
    expect(writeFixedWidth(SAMPLE, valid)).toBe('SMP' + 'AA' + 'DOE-SMITH ' + '001234' + '02292024' + '05312024235958' + '    ' + '0 1BBBBBBBBBB');
  });

  it('writes empty dates and timestamps as zeros and blank text as blanks', () => {
    const text = writeFixedWidth(SAMPLE, { ...valid, name: '', opened: null, stamp: null, amount: 0 });
    expect(text.slice(5, 43)).toBe(`${' '.repeat(10)}000000${'0'.repeat(22)}`);
  });

  it('round-trips: read(write(r)) equals r with no violations', () => {
    const result = readFixedWidth(SAMPLE, writeFixedWidth(SAMPLE, valid));
    expect(result.violations).toEqual([]);
    expect(result.record).toEqual(valid);
  });

  it('refuses to write a value that does not fit rather than truncating it', () => {
    expect(() => writeFixedWidth(SAMPLE, { ...valid, name: 'ABCDEFGHIJK' })).toThrow(FixedWidthWriteError);
    expect(() => writeFixedWidth(SAMPLE, { ...valid, amount: 1_000_000 })).toThrow(/amount/);
    expect(() => writeFixedWidth(SAMPLE, { ...valid, amount: -1 })).toThrow(FixedWidthWriteError);
  });

  it('validates a model: presence, length, charset, codes, dates', () => {
    const violations = validateFixedWidth(SAMPLE, { ...valid, code: 'ZZ', name: 'ÉCOLE', amount: 1_000_000, opened: null, stamp: '2024-13-01T00:00:00' }, { pathPrefix: 'x' });
    expect(violations).toEqual([
      { ruleId: 'sample.code-table', path: 'x.code', code: 'not-in-code-table' },
      { ruleId: 'sample.alphanumeric', path: 'x.name', code: 'non-ascii' },
      { ruleId: 'sample.numeric', path: 'x.amount', code: 'too-long' },
      { ruleId: 'sample.required', path: 'x.opened', code: 'required' },
      { ruleId: 'sample.timestamp', path: 'x.stamp', code: 'invalid-timestamp' },
    ]);
  });

  it('reports every structural problem of a text once, by path', () => {
    const text = writeFixedWidth(SAMPLE, valid);
    const broken = 'SMQ' + text.slice(3, 15) + '00A234' + '02302024' + text.slice(29, 43) + 'X   ' + text.slice(47);
    expect(readFixedWidth(SAMPLE, broken, 'r').violations).toEqual([
      { ruleId: 'sample.numeric', path: 'r.amount', code: 'not-numeric' },
      { ruleId: 'sample.date', path: 'r.opened', code: 'invalid-date' },
      { ruleId: 'sample.filler', path: 'r.reserved', code: 'not-blank' },
      { ruleId: 'sample.constant', path: 'r.id', code: 'wrong-constant' },
    ]);
  });

  it('reports a record of the wrong length', () => {
    const result = readFixedWidth(SAMPLE, writeFixedWidth(SAMPLE, valid).slice(0, 59));
    expect(result.violations).toContainEqual({ ruleId: 'sample.record-length', path: '(record)', code: 'wrong-record-length' });
  });

  it('flags gaps, overlaps and a wrong total in a layout', () => {
    expect(layoutGeometryProblems(SAMPLE)).toEqual([]);
    const broken = defineLayout<Sample>({ ...SAMPLE, fields: [SAMPLE.fields[0], { ...SAMPLE.fields[1], start: 5 }, ...SAMPLE.fields.slice(2)] });
    expect(layoutGeometryProblems(broken)).toEqual(expect.arrayContaining(['code starts at 5, expected 4']));
    expect(layoutGeometryProblems({ ...SAMPLE, length: 61 })).toEqual(['fields end at 60, record length is 61']);
  });

  it('property: any single-field corruption is reported at that field', () => {
    const text = writeFixedWidth(SAMPLE, valid);
    const cases = SAMPLE.fields.flatMap((field) => invalidFieldSamples(field).map((sample) => ({ field, sample })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), ({ field, sample }) => {
        const paths = readFixedWidth(SAMPLE, replaceField(text, field, sample)).violations.map((v) => v.path);
        expect(paths).toContain(fieldLabel(field));
      }),
    );
  });
});

import { backwardIncompatibilities } from './backward-compatibility';

const money = { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 2 };
const v1 = {
  type: 'record',
  name: 'LoanEvent',
  namespace: 'com.example',
  fields: [
    { name: 'eventId', type: 'string' },
    { name: 'count', type: 'int' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['OPEN', 'CLOSED'] } },
    { name: 'balance', type: money },
    {
      name: 'borrower',
      type: {
        type: 'record',
        name: 'Borrower',
        fields: [
          { name: 'name', type: 'string' },
          { name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] } },
        ],
      },
    },
    { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'sku', type: 'string' }] } } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

/** v1 with one change applied to a deep copy. */
function changed(edit: (schema: typeof v1 & Record<string, any>) => void): unknown {
  const copy = structuredClone(v1) as any;
  edit(copy);
  return copy;
}

describe('backwardIncompatibilities', () => {
  it('accepts the identical schema', () => {
    expect(backwardIncompatibilities(v1, v1)).toEqual([]);
  });

  it.each([
    ['an optional field with a default', (s: any) => s.fields.push({ name: 'extra', type: ['null', 'string'], default: null })],
    ['a removed field', (s: any) => s.fields.splice(1, 1)],
    ['a promoted type (int to long)', (s: any) => (s.fields[1].type = 'long')],
    ['a new enum symbol', (s: any) => s.fields[2].type.symbols.push('CHARGED_OFF')],
    ['a nested field with a default', (s: any) => s.fields[4].type.fields[1].type.fields.push({ name: 'zip', type: 'string', default: '' })],
    ['a field renamed with an alias', (s: any) => Object.assign(s.fields[0], { name: 'id', aliases: ['eventId'] })],
    ['a plain type widened to a union', (s: any) => (s.fields[0].type = ['null', 'string'])],
  ])('accepts %s', (_name, edit) => {
    expect(backwardIncompatibilities(changed(edit), v1)).toEqual([]);
  });

  it.each([
    ['a field added without a default', (s: any) => s.fields.push({ name: 'extra', type: 'string' }), 'extra: field added without a default'],
    [
      'a nested field added without a default',
      (s: any) => s.fields[4].type.fields[1].type.fields.push({ name: 'zip', type: 'string' }),
      'borrower.address.zip: field added without a default',
    ],
    ['a narrowed type', (s: any) => (s.fields[1].type = 'string'), 'count: type changed from int to string'],
    ['a removed enum symbol', (s: any) => s.fields[2].type.symbols.pop(), 'status: enum symbols removed without an enum default: CLOSED'],
    ['a changed decimal scale', (s: any) => (s.fields[3].type = { ...money, scale: 4 }), 'balance: decimal scale changed from 2 to 4'],
    [
      'a field added inside array items',
      (s: any) => s.fields[5].type.items.fields.push({ name: 'qty', type: 'int' }),
      'items[].qty: field added without a default',
    ],
    ['a union narrowed to its non-null branch', (s: any) => (s.fields[6].type = 'string'), 'note: a value of type null'],
  ])('rejects %s and names the field', (_name, edit, problem) => {
    const problems = backwardIncompatibilities(changed(edit), v1);
    expect(problems.join('\n')).toContain(problem);
  });
});

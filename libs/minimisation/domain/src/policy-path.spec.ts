import { ancestorPaths, parsePath } from './policy-path';

describe('policy paths', () => {
  it('parses fields and arrays of records', () => {
    expect(parsePath('transaction.purchasedItems[].sku')).toEqual([
      { name: 'transaction', arrayOfRecords: false },
      { name: 'purchasedItems', arrayOfRecords: true },
      { name: 'sku', arrayOfRecords: false },
    ]);
    expect(() => parsePath('borrower..idNumber')).toThrow('malformed field path');
  });

  it('names the ancestors the way classifyFields does', () => {
    expect(ancestorPaths('transaction.purchasedItems[].sku')).toEqual(['transaction', 'transaction.purchasedItems']);
    expect(ancestorPaths('a.b[].c.d')).toEqual(['a', 'a.b', 'a.b[].c']);
    expect(ancestorPaths('eventId')).toEqual([]);
  });
});

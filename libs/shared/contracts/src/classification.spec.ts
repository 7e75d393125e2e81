import { CLASSIFICATION_TAGS, classificationProblems, classifyFields, classifyLeafFields, type ClassificationTag } from './classification';
import { schemaCatalog } from './schema-catalog';
import { CLASSIFIED_SCHEMA_NAMES } from './schema-names';

const catalog = schemaCatalog();

describe('classification', () => {
  it.each(CLASSIFIED_SCHEMA_NAMES)('tags every field of every version of %s with a known tag', (name) => {
    for (const version of catalog.versions(name)) expect(classificationProblems(version.json)).toEqual([]);
  });

  it('lists leaf paths through nested records, optional unions and arrays', () => {
    const paths = classifyLeafFields(catalog.latest('loan-event').json).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['borrower.idNumber', 'borrower.address.postalCode', 'transaction.purchasedItems[].description', 'transaction.geoLocation.latitude', 'statement.paymentHistory', 'account.scheduledDueDates']));
    expect(paths).not.toContain('borrower.address');
    expect(classifyFields(catalog.latest('loan-event').json).find((f) => f.path === 'borrower.address')).toEqual({ path: 'borrower.address', tag: 'contact', leaf: false });
  });

  // The decisions reviewers should see in one place: PRODUCT.md rule 2 (consumption details never leave).
  it.each<[string, ClassificationTag]>([
    ['eventId', 'event-metadata'],
    ['furnisher.pbocManagementOrgCode', 'event-metadata'],
    ['account.balance', 'account'],
    ['account.applicationDistrictCode', 'account'],
    ['borrower.borrowerId', 'identity'],
    ['borrower.fullName', 'identity'],
    ['borrower.idNumber', 'identity'],
    ['borrower.dateOfBirth', 'identity'],
    ['borrower.phone', 'contact'],
    ['borrower.email', 'contact'],
    ['borrower.address.line1', 'contact'],
    ['transaction.amount', 'consumption-detail'],
    ['transaction.merchantName', 'consumption-detail'],
    ['transaction.merchantCategory', 'consumption-detail'],
    ['transaction.purchasedItems[].sku', 'consumption-detail'],
    ['transaction.channel', 'consumption-detail'],
    ['transaction.deviceId', 'device'],
    ['transaction.ipAddress', 'device'],
    ['transaction.geoLocation.city', 'location'],
    ['statement.amountBorrowedInMonth', 'statement'],
  ])('tags loan-event %s as %s', (path, tag) => {
    expect(classifyLeafFields(catalog.latest('loan-event').json).find((f) => f.path === path)?.tag).toBe(tag);
  });

  it('tags the consent channel as consent, not as a consumption channel', () => {
    const fields = classifyLeafFields(catalog.latest('consent-event').json);
    expect(fields.find((f) => f.path === 'channel')?.tag).toBe('consent');
    expect(fields.find((f) => f.path === 'borrowerId')?.tag).toBe('identity');
  });

  it('reports missing and unknown tags by path', () => {
    const schema = {
      type: 'record',
      name: 'T',
      fields: [
        { name: 'a', type: 'string', classification: 'identity' },
        { name: 'b', type: ['null', { type: 'record', name: 'B', fields: [{ name: 'c', type: 'int' }] }], classification: 'account' },
        { name: 'd', type: 'string', classification: 'secret' },
      ],
    };
    expect(classificationProblems(schema)).toEqual(['b.c: no classification', `d: unknown classification "secret" (allowed: ${CLASSIFICATION_TAGS.join(', ')})`]);
    expect(() => classifyFields(schema)).toThrow('b.c: no classification');
  });
});

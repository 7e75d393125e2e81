import {
  BUREAUS,
  CLASSIFICATION_TAGS,
  MINIMISED_SCHEMA_BY_BUREAU,
  NEVER_FURNISHED_TAGS,
  classificationProblems,
  classifyFields,
  schemaCatalog,
  type AvroFieldJson,
} from '@furnish/shared-contracts';
import { NEVER_RELEASED_TAGS, definePolicy, releasedFields, type MinimisationPolicy } from './minimisation-policy';
import { minimiserInputSchema } from './minimiser-input';
import { OUTBOUND_ENVELOPE } from './outbound-envelope';
import { MINIMISATION_POLICIES } from './policies';
import { policyProblems, type PolicySchemas } from './policy-guard';
import { withAddedField, withRetaggedField } from './testing';

/**
 * The build-time guard: `npm test` fails if any policy releases a field classified
 * consumption-detail, device or location (or anything inside one), if a policy entry's expected
 * tag differs from the schema's, or if a bureau's minimised or outbound schema holds a field
 * outside its allow-list.
 */
const catalog = schemaCatalog();
const input = minimiserInputSchema(catalog);
const schemasFor = (bureau: keyof typeof MINIMISED_SCHEMA_BY_BUREAU): PolicySchemas => ({ input, output: catalog.latest(MINIMISED_SCHEMA_BY_BUREAU[bureau]).json });

describe('minimisation policies against the schemas (build-time guard)', () => {
  it.each(BUREAUS)('%s: the policy fits the input and minimised schemas exactly', (bureau) => {
    expect(policyProblems(MINIMISATION_POLICIES[bureau], schemasFor(bureau))).toEqual([]);
  });

  it.each(BUREAUS)('%s: the policy table entry is that bureau’s policy and denies by default', (bureau) => {
    expect(MINIMISATION_POLICIES[bureau]).toMatchObject({ bureau, default: 'drop' });
    expect(Number.isInteger(MINIMISATION_POLICIES[bureau].version) && MINIMISATION_POLICIES[bureau].version > 0).toBe(true);
  });

  it.each(BUREAUS)('%s: releases nothing classified consumption-detail, device or location, nor under transaction', (bureau) => {
    const tags = new Map(classifyFields(input).map((f) => [f.path, f.tag]));
    const released = releasedFields(MINIMISATION_POLICIES[bureau]).map(([path]) => path);
    expect(released.filter((path) => NEVER_FURNISHED_TAGS.includes(tags.get(path)!))).toEqual([]);
    expect(released.filter((path) => path.startsWith('transaction'))).toEqual([]);
  });

  it.each(BUREAUS)('%s: every release has a reason', (bureau) => {
    expect(releasedFields(MINIMISATION_POLICIES[bureau]).filter(([, rule]) => rule.why.trim().length < 4)).toEqual([]);
  });

  it('keeps the type-level list of never-released tags equal to the contracts’ list', () => {
    expect([...NEVER_RELEASED_TAGS].sort()).toEqual([...NEVER_FURNISHED_TAGS].sort());
    expect(CLASSIFICATION_TAGS).toEqual(expect.arrayContaining([...NEVER_RELEASED_TAGS]));
  });

  it('reads a fully classified input (the loan event plus its consent)', () => {
    expect(classificationProblems(input)).toEqual([]);
    expect(classifyFields(input).map((f) => f.path)).toEqual(expect.arrayContaining(['consent.consentId', 'consent.version', 'transaction.purchasedItems[].sku']));
  });

  describe('outbound record', () => {
    const outbound = catalog.latest('outbound-record').json;

    it('has exactly the envelope fields listed in OUTBOUND_ENVELOPE', () => {
      expect((outbound.fields ?? []).map((f) => f.name).sort()).toEqual(Object.keys(OUTBOUND_ENVELOPE).sort());
    });

    it.each(BUREAUS)('%s: every envelope field is built from fields the policy releases', (bureau) => {
      const released = new Set(releasedFields(MINIMISATION_POLICIES[bureau]).map(([path]) => path));
      const sources = Object.values(OUTBOUND_ENVELOPE).flatMap((field) => field.from);
      expect(sources.filter((path) => !released.has(path))).toEqual([]);
    });
  });
});

describe('policyProblems (what makes the guard fail)', () => {
  const pboc = MINIMISATION_POLICIES['pboc-crc'];
  const withFields = (fields: Record<string, unknown>, base: MinimisationPolicy = pboc): MinimisationPolicy =>
    ({ ...base, fields: { ...base.fields, ...fields } }) as MinimisationPolicy;
  const stringField = (name: string, classification: string): AvroFieldJson => ({ name, type: ['null', 'string'], default: null, classification, doc: 'test' });

  it('a policy that releases a consumption detail', () => {
    // The type forbids the tag, so only data that bypasses the compiler can try; the guard still catches it.
    const problems = policyProblems(withFields({ 'transaction.merchantName': { tag: 'consumption-detail', why: 'never' } }), schemasFor('pboc-crc'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'transaction.merchantName: classified consumption-detail, which is never furnished',
        'transaction.merchantName: inside transaction, classified consumption-detail, which is never furnished',
        'transaction.merchantName: released by the policy but not a leaf field of the minimised schema',
      ]),
    );
  });

  it('a policy that releases a field inside a consumption-detail record, whatever the field’s own tag', () => {
    const retagged = withAddedField(input, 'transaction', stringField('loyaltyTier', 'account'));
    const problems = policyProblems(withFields({ 'transaction.loyaltyTier': { tag: 'account', why: 'never' } }), { ...schemasFor('pboc-crc'), input: retagged });
    expect(problems).toContain('transaction.loyaltyTier: inside transaction, classified consumption-detail, which is never furnished');
  });

  it('a schema that re-tags a released field', () => {
    const retagged = withRetaggedField(input, 'borrower.idNumber', 'contact');
    expect(policyProblems(pboc, { ...schemasFor('pboc-crc'), input: retagged })).toContain('borrower.idNumber: the policy expects classification identity, the input schema tags it contact');
  });

  it('a minimised schema that gains a field outside the policy', () => {
    const grown = withAddedField(catalog.latest('minimised-pboc-crc-record').json, 'borrower', stringField('email', 'contact'));
    expect(policyProblems(pboc, { input, output: grown })).toEqual(['borrower.email: in the minimised schema but not released by the policy']);
  });

  it('a policy entry the minimised schema cannot carry, or the input does not have', () => {
    expect(policyProblems(withFields({ 'borrower.email': { tag: 'contact', why: 'not needed' } }), schemasFor('pboc-crc'))).toEqual([
      'borrower.email: released by the policy but not a leaf field of the minimised schema',
    ]);
    expect(policyProblems(withFields({ 'borrower.nickname': { tag: 'identity', why: 'no such field' } }), schemasFor('pboc-crc'))).toEqual(['borrower.nickname: not a field of the input schema']);
  });

  it('a normaliser on a field that is not a string, an unreleased oneOf path, an open-world default', () => {
    const policy = {
      ...withFields({ 'account.balance': { tag: 'account', why: 'H.AcctBal', normalise: { kind: 'trim' } } }),
      default: 'keep',
      oneOf: [{ id: 'x', paths: ['borrower.email'], why: 'test' }],
    } as unknown as MinimisationPolicy;
    expect(policyProblems(policy, schemasFor('pboc-crc'))).toEqual([
      `default must be 'drop' (closed world), not "keep"`,
      'account.balance: normaliser trim applies to string fields only',
      'x: borrower.email is not released by the policy',
    ]);
  });

  it('type-checks paths and tags at compile time', () => {
    const bad = () => [
      // @ts-expect-error a path the input type does not have
      definePolicy({ bureau: 'baihang', version: 1, default: 'drop', summary: '', fields: { 'borrower.idNumbr': { tag: 'identity', why: 'typo' } } }),
      // @ts-expect-error consumption details cannot even be declared
      definePolicy({ bureau: 'baihang', version: 1, default: 'drop', summary: '', fields: { 'transaction.merchantName': { tag: 'consumption-detail', why: 'no' } } }),
    ];
    expect(bad).toBeInstanceOf(Function);
  });
});

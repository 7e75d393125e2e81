import {
  BUREAUS,
  MINIMISED_SCHEMA_BY_BUREAU,
  classificationProblems,
  classifyLeafFields,
  parseAvroSchema,
  schemaCatalog,
  type AvroFieldJson,
  type AvroSchemaObject,
  type LoanEvent,
} from '@furnish/shared-contracts';
import { applyPolicy } from './apply-policy';
import { compilePolicy } from './compiled-policy';
import { minimiserInputSchema, type MinimiserInput } from './minimiser-input';
import { MINIMISATION_POLICIES } from './policies';
import { policyProblems } from './policy-guard';
import { aLoanEventFor, withAddedField } from './testing';

/**
 * A newer loan-event schema that adds fields — new consumption attributes, and an identity field —
 * is dropped by the unchanged policies: closed world means "not listed", not "recognised as bad".
 */
const catalog = schemaCatalog();
const v1 = catalog.latest('loan-event');
const optionalString = (name: string, classification: string, doc: string): AvroFieldJson => ({ name, type: ['null', 'string'], default: null, classification, doc });
const ADDED = [
  ['', optionalString('loyaltyTier', 'consumption-detail', 'Shopping loyalty tier of the borrower.')],
  ['transaction', optionalString('basketCategory', 'consumption-detail', 'Category of the basket.')],
  ['transaction.purchasedItems[]', optionalString('brandName', 'consumption-detail', 'Brand of the item.')],
  ['borrower', optionalString('preferredName', 'identity', 'Name the borrower likes to be called.')],
] as const;
const v2Json: AvroSchemaObject = ADDED.reduce((schema, [record, field]) => withAddedField(schema, record, field), v1.json);
const v2 = parseAvroSchema(v2Json);

const CANARIES = { loyaltyTier: 'CANARYLOYALTY01', basketCategory: 'CANARYBASKET02', brandName: 'CANARYBRAND03', preferredName: 'CANARYPREFERRED04' };

function withNewFields(event: LoanEvent): Record<string, unknown> {
  const transaction = event.transaction!;
  return {
    ...event,
    loyaltyTier: CANARIES.loyaltyTier,
    borrower: { ...event.borrower, preferredName: CANARIES.preferredName },
    transaction: { ...transaction, basketCategory: CANARIES.basketCategory, purchasedItems: transaction.purchasedItems.map((item) => ({ ...item, brandName: CANARIES.brandName })) },
  };
}

describe('schema evolution: a newer loan-event version adds fields', () => {
  it('is a classified, BACKWARD-compatible version with the new paths', () => {
    expect(classificationProblems(v2Json)).toEqual([]);
    expect(() => v1.type.createResolver(v2)).not.toThrow();
    expect(classifyLeafFields(v2Json).map((f) => f.path)).toEqual(
      expect.arrayContaining(['loyaltyTier', 'transaction.basketCategory', 'transaction.purchasedItems[].brandName', 'borrower.preferredName']),
    );
  });

  describe.each(BUREAUS)('%s, with the policy unchanged', (bureau) => {
    const policy = MINIMISATION_POLICIES[bureau];
    const schemas = { input: minimiserInputSchema(catalog, v2Json), output: catalog.latest(MINIMISED_SCHEMA_BY_BUREAU[bureau]).json };

    it('still fits the schemas: the new fields are simply not listed', () => {
      expect(policyProblems(policy, schemas)).toEqual([]);
    });

    it('drops the new fields from a record a v2-built service decodes', () => {
      const event = aLoanEventFor(bureau);
      const consent = { consentId: 'CNS-1', version: 1 };
      const decoded = v2.fromBuffer(v2.toBuffer(withNewFields(event))) as Record<string, unknown>;
      expect(JSON.stringify(decoded)).toContain(CANARIES.brandName);

      const compiled = compilePolicy(policy, schemas);
      const newer = applyPolicy(compiled, { ...decoded, consent } as unknown as MinimiserInput);
      const current = applyPolicy(compiled, { ...event, consent });
      expect(newer).toEqual(current);
      expect(newer.ok).toBe(true);
      const text = JSON.stringify(newer);
      expect(Object.values(CANARIES).filter((canary) => text.includes(canary))).toEqual([]);
    });
  });

  it('is read by today’s services with the v1 reader, which already skips the new fields', () => {
    const event = aLoanEventFor('baihang');
    const read = v1.type.fromBuffer(v2.toBuffer(withNewFields(event)), v1.type.createResolver(v2), false);
    expect(JSON.stringify(read)).not.toMatch(/CANARY/);
  });
});

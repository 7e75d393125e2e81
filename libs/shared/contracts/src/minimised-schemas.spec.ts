import { indexNamedTypes, normaliseType, visitFields, type AvroSchemaJson } from './avro-schema';
import { NEVER_FURNISHED_TAGS } from './classification';
import { schemaCatalog } from './schema-catalog';
import { MINIMISED_SCHEMA_BY_BUREAU } from './topic-schemas';

/**
 * A minimised record is a projection of the LoanEvent: same paths, types and tags, minus what the
 * bureau does not need, plus the consent reference. The per-bureau allow-lists (minimisation
 * policies) are checked against these schemas in the minimisation libs.
 */
const catalog = schemaCatalog();
const PIPELINE_FIELDS = ['consent', 'consent.consentId', 'consent.version'];

interface LeafShape {
  readonly tag: unknown;
  readonly type: string;
}

function leafShapes(schema: AvroSchemaJson): Map<string, LeafShape> {
  const index = indexNamedTypes(schema);
  return new Map(
    visitFields(schema)
      .filter((f) => f.leaf)
      .map(({ path, field, namespace }) => [path, { tag: field.classification, type: JSON.stringify(normaliseType(field.type, namespace, index)) }]),
  );
}

describe.each(Object.entries(MINIMISED_SCHEMA_BY_BUREAU))('%s minimised record', (_bureau, name) => {
  const input = leafShapes(catalog.latest('loan-event').json);
  const minimised = catalog.latest(name).json;
  const leaves = [...leafShapes(minimised)].filter(([path]) => !PIPELINE_FIELDS.includes(path));

  it('has only LoanEvent paths, with the LoanEvent type and classification', () => {
    const mismatches = leaves.filter(([path, shape]) => {
      const original = input.get(path);
      return !original || original.tag !== shape.tag || original.type !== shape.type;
    });
    expect(mismatches.map(([path]) => path)).toEqual([]);
  });

  it('carries nothing tagged consumption-detail, device or location', () => {
    expect(leaves.filter(([, shape]) => NEVER_FURNISHED_TAGS.includes(shape.tag as never)).map(([path]) => path)).toEqual([]);
    expect(leaves.map(([path]) => path).filter((path) => /transaction|merchant|purchased|device|ipAddress|geo|email|channel/i.test(path))).toEqual([]);
  });

  it('names the event and the consent that authorised it', () => {
    const paths = visitFields(minimised).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['eventId', 'eventType', 'occurredAt', 'consent.consentId', 'consent.version', 'account.accountId']));
  });
});

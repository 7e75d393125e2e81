import { visitFields, type AvroSchemaJson } from './avro-schema';

/**
 * Data-classification tags, one per schema field (attribute `classification`). Minimisation
 * policies and the build-time guard refer to them; the set is closed.
 */
export const CLASSIFICATION_TAGS = [
  'event-metadata',
  'account',
  'identity',
  'contact',
  'consumption-detail',
  'device',
  'location',
  'consent',
  'statement',
] as const;
export type ClassificationTag = (typeof CLASSIFICATION_TAGS)[number];

/** Tags of personal consumption detail: PRODUCT.md forbids them in anything sent to a bureau. */
export const NEVER_FURNISHED_TAGS: readonly ClassificationTag[] = ['consumption-detail', 'device', 'location'];

export const isClassificationTag = (value: unknown): value is ClassificationTag =>
  typeof value === 'string' && (CLASSIFICATION_TAGS as readonly string[]).includes(value);

export interface ClassifiedField {
  /** e.g. `borrower.idNumber`, `transaction.purchasedItems[].description`. */
  readonly path: string;
  readonly tag: ClassificationTag;
  /** False for a field holding a record (e.g. `borrower.address`); its own fields are listed too. */
  readonly leaf: boolean;
}

/** Fields without a valid tag, as readable problems; empty when the schema is fully classified. */
export function classificationProblems(schema: AvroSchemaJson): string[] {
  return visitFields(schema)
    .filter(({ field }) => !isClassificationTag(field.classification))
    .map(({ path, field }) =>
      field.classification === undefined
        ? `${path}: no classification`
        : `${path}: unknown classification ${JSON.stringify(field.classification)} (allowed: ${CLASSIFICATION_TAGS.join(', ')})`,
    );
}

/** Every field path with its tag, depth first; throws if any field is unclassified. */
export function classifyFields(schema: AvroSchemaJson): ClassifiedField[] {
  const problems = classificationProblems(schema);
  if (problems.length > 0) throw new Error(`schema is not fully classified:\n${problems.join('\n')}`);
  return visitFields(schema).map(({ path, field, leaf }) => ({ path, tag: field.classification as ClassificationTag, leaf }));
}

/** Leaf paths only: the unit minimisation policies allow or drop. */
export function classifyLeafFields(schema: AvroSchemaJson): ClassifiedField[] {
  return classifyFields(schema).filter((field) => field.leaf);
}

import {
  indexNamedTypes,
  isClassificationTag,
  resolveNode,
  visitFields,
  type AvroSchemaJson,
  type ClassificationTag,
  type NamedTypeIndex,
} from '@furnish/shared-contracts';

/** What the policy engine and guard need to know about one field of a schema, by path. */
export interface FieldFacts {
  readonly path: string;
  readonly tag: ClassificationTag | undefined;
  /** Holds no record at any depth (the unit a policy releases). */
  readonly leaf: boolean;
  /** The type is a union with null. */
  readonly nullable: boolean;
  /** The non-null type: a string (including uuid), an array, a record, or anything else. */
  readonly kind: 'string' | 'array' | 'record' | 'other';
}

/** Every field of a schema with its facts, depth first, paths as `classifyFields` writes them. */
export function fieldFacts(schema: AvroSchemaJson): ReadonlyMap<string, FieldFacts> {
  const index = indexNamedTypes(schema);
  return new Map(
    visitFields(schema).map(({ path, field, namespace, leaf }) => {
      const { nullable, kind } = shapeOf(field.type, namespace, index);
      const tag = isClassificationTag(field.classification) ? field.classification : undefined;
      return [path, { path, tag, leaf, nullable, kind }];
    }),
  );
}

function shapeOf(type: AvroSchemaJson, namespace: string | undefined, index: NamedTypeIndex): Pick<FieldFacts, 'nullable' | 'kind'> {
  const resolved = resolveNode(type, namespace, index);
  if (resolved.kind === 'union') {
    const isNull = (branch: AvroSchemaJson) => branch === 'null' || (typeof branch === 'object' && !Array.isArray(branch) && (branch as { type?: unknown }).type === 'null');
    const others = resolved.branches.filter((branch) => !isNull(branch));
    const kinds = others.map((branch) => shapeOf(branch, namespace, index).kind);
    return { nullable: others.length < resolved.branches.length, kind: kinds.length === 1 ? kinds[0] : 'other' };
  }
  switch (resolved.kind) {
    case 'primitive':
      return { nullable: resolved.name === 'null', kind: resolved.name === 'string' ? 'string' : 'other' };
    case 'array':
      return { nullable: false, kind: 'array' };
    case 'record':
      return { nullable: false, kind: 'record' };
    default:
      return { nullable: false, kind: 'other' };
  }
}

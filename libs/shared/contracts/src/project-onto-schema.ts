import { indexNamedTypes, resolveNode, type AvroSchemaJson, type NamedTypeIndex } from './avro-schema';

/**
 * Copies from `value` only the fields the target schema has, recursing into records: what a
 * minimised record looks like for a loan event. Used by the minimiser: a minimised schema is a closed-world projection of the loan event.
 */
export function projectOnto(value: unknown, schema: AvroSchemaJson): Record<string, unknown> {
  const index = indexNamedTypes(schema);
  return projectNode(value, schema, undefined, index) as Record<string, unknown>;
}

function projectNode(value: unknown, node: AvroSchemaJson, namespace: string | undefined, index: NamedTypeIndex): unknown {
  if (value === null || value === undefined) return value ?? null;
  const resolved = resolveNode(node, namespace, index);
  switch (resolved.kind) {
    case 'record': {
      const source = value as Record<string, unknown>;
      const { schema, namespace: inner } = resolved.definition;
      return Object.fromEntries((schema.fields ?? []).map((field) => [field.name, projectNode(source[field.name], field.type, inner, index)]));
    }
    case 'union': {
      const branch = resolved.branches.find((b) => b !== 'null');
      return branch === undefined ? null : projectNode(value, branch, namespace, index);
    }
    case 'array':
      return (value as readonly unknown[]).map((item) => projectNode(item, resolved.items, namespace, index));
    default:
      return value;
  }
}

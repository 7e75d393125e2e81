/**
 * The JSON form of Avro schemas, read directly rather than through avsc Types because avsc drops
 * custom field attributes such as `classification`.
 */
export type AvroSchemaJson = string | AvroSchemaObject | readonly AvroSchemaJson[];

export interface AvroSchemaObject {
  readonly type: AvroSchemaJson;
  readonly name?: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields?: readonly AvroFieldJson[];
  readonly symbols?: readonly string[];
  readonly items?: AvroSchemaJson;
  readonly values?: AvroSchemaJson;
  readonly size?: number;
  readonly logicalType?: string;
  readonly [attribute: string]: unknown;
}

export interface AvroFieldJson {
  readonly name: string;
  readonly type: AvroSchemaJson;
  readonly doc?: string;
  readonly default?: unknown;
  readonly [attribute: string]: unknown;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED_KINDS = new Set(['record', 'error', 'enum', 'fixed']);

export const isPrimitiveName = (name: string): boolean => PRIMITIVES.has(name);

export interface NamedTypeDefinition {
  readonly fullName: string;
  readonly schema: AvroSchemaObject;
  /** Namespace that names inside this type inherit. */
  readonly namespace: string | undefined;
}

/** Named types (records, enums, fixed) of one schema document by full name, in definition order. */
export type NamedTypeIndex = ReadonlyMap<string, NamedTypeDefinition>;

export function qualify(name: string, namespace: string | undefined): string {
  if (name.includes('.') || isPrimitiveName(name) || !namespace) return name;
  return `${namespace}.${name}`;
}

export const simpleName = (fullName: string): string => fullName.slice(fullName.lastIndexOf('.') + 1);

export function indexNamedTypes(schema: AvroSchemaJson): NamedTypeIndex {
  const index = new Map<string, NamedTypeDefinition>();
  const visit = (node: AvroSchemaJson, namespace: string | undefined): void => {
    if (typeof node === 'string') return;
    if (isUnion(node)) return node.forEach((branch) => visit(branch, namespace));
    if (typeof node.type !== 'string') return visit(node.type, namespace);
    let inner = namespace;
    if (NAMED_KINDS.has(node.type) && node.name) {
      const fullName = qualify(node.name, node.namespace ?? namespace);
      if (index.has(fullName)) throw new Error(`${fullName} is defined twice`);
      inner = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : undefined;
      index.set(fullName, { fullName, schema: node, namespace: inner });
    }
    node.fields?.forEach((field) => visit(field.type, inner));
    if (node.items !== undefined) visit(node.items, inner);
    if (node.values !== undefined) visit(node.values, inner);
  };
  visit(schema, undefined);
  return index;
}

export const isUnion = (node: AvroSchemaJson): node is readonly AvroSchemaJson[] => Array.isArray(node);

/** A schema node with named references replaced by their definitions and `{type: {...}}` wrappers removed. */
export type ResolvedNode =
  | { readonly kind: 'primitive'; readonly name: string; readonly logicalType?: string; readonly schema: AvroSchemaJson }
  | { readonly kind: 'union'; readonly branches: readonly AvroSchemaJson[] }
  | { readonly kind: 'array'; readonly items: AvroSchemaJson }
  | { readonly kind: 'map'; readonly values: AvroSchemaJson }
  | { readonly kind: 'record' | 'enum' | 'fixed'; readonly definition: NamedTypeDefinition };

export function resolveNode(node: AvroSchemaJson, namespace: string | undefined, index: NamedTypeIndex): ResolvedNode {
  if (typeof node === 'string') {
    if (isPrimitiveName(node)) return { kind: 'primitive', name: node, schema: node };
    return namedNode(qualify(node, namespace), index);
  }
  if (isUnion(node)) return { kind: 'union', branches: node };
  if (typeof node.type !== 'string') return resolveNode(node.type, namespace, index);
  switch (node.type) {
    case 'array':
      return { kind: 'array', items: node.items as AvroSchemaJson };
    case 'map':
      return { kind: 'map', values: node.values as AvroSchemaJson };
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return namedNode(qualify(node.name as string, node.namespace ?? namespace), index);
    default:
      if (!isPrimitiveName(node.type)) return namedNode(qualify(node.type, namespace), index);
      return { kind: 'primitive', name: node.type, logicalType: node.logicalType, schema: node };
  }
}

function namedNode(fullName: string, index: NamedTypeIndex): ResolvedNode {
  const definition = index.get(fullName);
  if (!definition) throw new Error(`unknown type ${fullName}`);
  const kind = definition.schema.type === 'error' ? 'record' : (definition.schema.type as 'record' | 'enum' | 'fixed');
  return { kind, definition };
}

export interface VisitedField {
  /** Dotted path from the root record; `[]` marks array items and `{}` map values, e.g. `transaction.purchasedItems[].sku`. */
  readonly path: string;
  readonly field: AvroFieldJson;
  /** Namespace that names in the field's type resolve against. */
  readonly namespace: string | undefined;
  /** Whether the field's type holds no record at any depth (through unions, arrays and maps). */
  readonly leaf: boolean;
}

/** Every field of the root record and of records nested in it, depth first, in declaration order. */
export function visitFields(schema: AvroSchemaJson): VisitedField[] {
  const index = indexNamedTypes(schema);
  const root = resolveNode(schema, undefined, index);
  if (root.kind !== 'record') throw new Error('the root of the schema is not a record');
  const visited: VisitedField[] = [];
  const walkRecord = (definition: NamedTypeDefinition, prefix: string, stack: readonly string[]): void => {
    if (stack.includes(definition.fullName)) return;
    for (const field of definition.schema.fields ?? []) {
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      const records = recordsWithin(field.type, definition.namespace, index, path);
      visited.push({ path, field, namespace: definition.namespace, leaf: records.length === 0 });
      for (const record of records) walkRecord(record.definition, record.path, [...stack, definition.fullName]);
    }
  };
  walkRecord(root.definition, '', []);
  return visited;
}

function recordsWithin(
  node: AvroSchemaJson,
  namespace: string | undefined,
  index: NamedTypeIndex,
  path: string,
): { definition: NamedTypeDefinition; path: string }[] {
  const resolved = resolveNode(node, namespace, index);
  switch (resolved.kind) {
    case 'record':
      return [{ definition: resolved.definition, path }];
    case 'union':
      return resolved.branches.flatMap((branch) => recordsWithin(branch, namespace, index, path));
    case 'array':
      return recordsWithin(resolved.items, namespace, index, `${path}[]`);
    case 'map':
      return recordsWithin(resolved.values, namespace, index, `${path}{}`);
    default:
      return [];
  }
}

/**
 * A type as one JSON string that does not depend on where it is written: named types appear by
 * full name and are defined (with docs and attributes) the first time they are met, namespaces are
 * folded into names. Two files that define a named type identically give the same string.
 */
export function normaliseType(node: AvroSchemaJson, namespace: string | undefined, index: NamedTypeIndex, seen = new Set<string>()): unknown {
  const resolved = resolveNode(node, namespace, index);
  switch (resolved.kind) {
    case 'primitive':
      return typeof resolved.schema === 'string' ? resolved.schema : sortKeys(resolved.schema as object);
    case 'union':
      return resolved.branches.map((branch) => normaliseType(branch, namespace, index, seen));
    case 'array':
      return { type: 'array', items: normaliseType(resolved.items, namespace, index, seen) };
    case 'map':
      return { type: 'map', values: normaliseType(resolved.values, namespace, index, seen) };
    default: {
      const { fullName, schema, namespace: inner } = resolved.definition;
      if (seen.has(fullName)) return fullName;
      seen.add(fullName);
      const normalised: Record<string, unknown> = { ...sortKeys(schema), name: fullName };
      delete normalised.namespace;
      if (schema.fields) {
        normalised.fields = schema.fields.map(({ type, ...attributes }) => ({ ...sortKeys(attributes), type: normaliseType(type, inner, index, seen) }));
      }
      return normalised;
    }
  }
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

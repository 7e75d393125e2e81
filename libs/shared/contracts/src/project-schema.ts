import { isPrimitiveName, type AvroFieldJson, type AvroSchemaJson, type AvroSchemaObject } from './avro-schema';
import { SchemaProjectionError } from './errors';

/** Field names to keep at one level, each with what to keep below it (empty: the whole field). */
type PathTree = Map<string, PathTree>;

/**
 * A record schema cut down to the given field paths (`account.balance`, `statement.paymentHistory`,
 * `transaction.purchasedItems[].sku`): a reader schema for a service that needs only those fields.
 * Read with it, every other field is skipped by the Avro decoder and never becomes a value. It is a
 * subset of `schema`, so it resolves against every writer `schema` resolves against. A path ending
 * at a record keeps the whole record.
 */
export function projectSchema(schema: AvroSchemaObject, paths: readonly string[], at = schema.name ?? '(root)'): AvroSchemaObject {
  const tree: PathTree = new Map();
  for (const path of paths) addPath(tree, path);
  return project(schema, tree, at) as AvroSchemaObject;
}

function addPath(tree: PathTree, path: string): void {
  let level = tree;
  for (const name of path.split('.').map((part) => part.replace(/\[\]$/, ''))) {
    let next = level.get(name);
    if (!next) level.set(name, (next = new Map()));
    level = next;
  }
}

function project(type: AvroSchemaJson, keep: PathTree, at: string): AvroSchemaJson {
  if (keep.size === 0) return type;
  if (Array.isArray(type)) return type.map((branch: AvroSchemaJson) => project(branch, keep, at));
  if (typeof type === 'string') {
    if (isPrimitiveName(type)) return type;
    // A record reused by name would need one projection serving every place it is used.
    throw new SchemaProjectionError([`${at}: the named type ${type} is referenced by name and cannot be projected`]);
  }
  const node = type as AvroSchemaObject;
  if (node.type === 'array') return { ...node, items: project(node.items!, keep, `${at}[]`) };
  if (node.type !== 'record') return node;
  const fields = (node.fields ?? []).filter((field: AvroFieldJson) => keep.has(field.name));
  const missing = [...keep.keys()].filter((name) => !fields.some((field) => field.name === name));
  if (missing.length > 0) throw new SchemaProjectionError(missing.map((name) => `${at}.${name}: no such field`));
  return { ...node, fields: fields.map((field) => ({ ...field, type: project(field.type, keep.get(field.name)!, `${at}.${field.name}`) })) };
}

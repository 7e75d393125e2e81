/**
 * Avro schema resolution (the spec's "Schema Resolution" rules) checked field by field, so that an
 * incompatible change is reported by path ("borrower.address.city: added without a default")
 * instead of avsc's whole-type "cannot read X as Y". BACKWARD means: a consumer using `reader`
 * can read every message written with `writer`.
 */
type Schema = string | SchemaObject | Schema[];
interface SchemaObject {
  type: Schema;
  name?: string;
  namespace?: string;
  aliases?: string[];
  fields?: FieldSchema[];
  symbols?: string[];
  default?: unknown;
  items?: Schema;
  values?: Schema;
  size?: number;
  logicalType?: string;
  precision?: number;
  scale?: number;
}
interface FieldSchema {
  name: string;
  type: Schema;
  default?: unknown;
  aliases?: string[];
}

const PROMOTIONS: Record<string, readonly string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

type NamedTypes = Map<string, SchemaObject>;

export function backwardIncompatibilities(reader: unknown, writer: unknown): string[] {
  const readerNames: NamedTypes = new Map();
  const writerNames: NamedTypes = new Map();
  collectNames(reader as Schema, undefined, readerNames);
  collectNames(writer as Schema, undefined, writerNames);
  const problems: string[] = [];
  const context: CheckContext = { readerNames, writerNames, problems, visiting: new Set() };
  check(reader as Schema, writer as Schema, '', context);
  return problems;
}

interface CheckContext {
  readonly readerNames: NamedTypes;
  readonly writerNames: NamedTypes;
  readonly problems: string[];
  /** reader:writer pairs under check, so recursive types terminate. */
  readonly visiting: Set<string>;
}

function collectNames(schema: Schema, namespace: string | undefined, names: NamedTypes): void {
  if (Array.isArray(schema)) {
    schema.forEach((branch) => collectNames(branch, namespace, names));
    return;
  }
  if (typeof schema === 'string') return;
  if (typeof schema.type === 'object') {
    collectNames(schema.type, namespace, names);
    return;
  }
  const ns = schema.namespace ?? namespace;
  if (schema.name) {
    const full = schema.name.includes('.') ? schema.name : ns ? `${ns}.${schema.name}` : schema.name;
    names.set(full, schema);
    names.set(shortName(full), schema);
  }
  schema.fields?.forEach((f) => collectNames(f.type, ns, names));
  if (schema.items) collectNames(schema.items, ns, names);
  if (schema.values) collectNames(schema.values, ns, names);
}

const shortName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

function deref(schema: Schema, names: NamedTypes): Exclude<Schema, string> | string {
  if (typeof schema === 'string') return names.get(schema) ?? schema;
  if (!Array.isArray(schema) && typeof schema.type === 'object') return deref(schema.type, names);
  if (!Array.isArray(schema) && typeof schema.type === 'string' && !isComplex(schema.type) && !schema.logicalType) {
    return schema.type;
  }
  return schema;
}

const isComplex = (type: string): boolean => ['record', 'enum', 'array', 'map', 'fixed', 'error'].includes(type);

function kindOf(schema: Exclude<Schema, string> | string): string {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return 'union';
  return typeof schema.type === 'string' ? (schema.type === 'error' ? 'record' : schema.type) : 'union';
}

function describe(schema: Exclude<Schema, string> | string): string {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return 'union';
  const base = schema.name ?? String(schema.type);
  return schema.logicalType ? `${base} (${schema.logicalType})` : base;
}

/** Whether a writer schema can be read as the reader schema, without recording problems. */
function readable(reader: Schema, writer: Schema, context: CheckContext): boolean {
  const probe: CheckContext = { ...context, problems: [] };
  check(reader, writer, '', probe);
  return probe.problems.length === 0;
}

function check(readerSchema: Schema, writerSchema: Schema, path: string, context: CheckContext): void {
  const reader = deref(readerSchema, context.readerNames);
  const writer = deref(writerSchema, context.writerNames);
  const at = path || '(root)';
  const readerKind = kindOf(reader);
  const writerKind = kindOf(writer);

  if (writerKind === 'union') {
    for (const branch of writer as Schema[]) {
      if (readerKind === 'union' ? !(reader as Schema[]).some((r) => readable(r, branch, context)) : !readable(reader, branch, context)) {
        context.problems.push(`${at}: a value of type ${describe(deref(branch, context.writerNames))} written by the old schema cannot be read`);
      }
    }
    return;
  }
  if (readerKind === 'union') {
    const branches = reader as Schema[];
    const match = branches.find((r) => kindOf(deref(r, context.readerNames)) === writerKind) ?? branches.find((r) => readable(r, writer, context));
    if (match === undefined) {
      context.problems.push(`${at}: type changed from ${describe(writer)} to a union without a ${describe(writer)} branch`);
    } else {
      check(match, writer, path, context);
    }
    return;
  }
  if (readerKind !== writerKind) {
    if (!(PROMOTIONS[writerKind] ?? []).includes(readerKind)) {
      context.problems.push(`${at}: type changed from ${describe(writer)} to ${describe(reader)}`);
    }
    return;
  }
  if (typeof reader === 'string' || typeof writer === 'string') return;
  const r = reader as SchemaObject;
  const w = writer as SchemaObject;
  checkLogicalType(r, w, at, context);
  switch (readerKind) {
    case 'record':
      return checkRecord(r, w, path, context);
    case 'enum':
      return checkEnum(r, w, at, context);
    case 'array':
      return check(r.items as Schema, w.items as Schema, `${path}[]`, context);
    case 'map':
      return check(r.values as Schema, w.values as Schema, `${path}{}`, context);
    case 'fixed':
      if (r.size !== w.size) context.problems.push(`${at}: fixed size changed from ${w.size} to ${r.size}`);
      return;
  }
}

function checkLogicalType(reader: SchemaObject, writer: SchemaObject, at: string, context: CheckContext): void {
  if (reader.logicalType === 'decimal' && writer.logicalType === 'decimal' && reader.scale !== writer.scale) {
    context.problems.push(`${at}: decimal scale changed from ${writer.scale ?? 0} to ${reader.scale ?? 0}`);
  }
  if (reader.logicalType !== writer.logicalType && (reader.logicalType ?? writer.logicalType) === 'decimal') {
    context.problems.push(`${at}: logical type changed from ${writer.logicalType ?? 'none'} to ${reader.logicalType ?? 'none'}`);
  }
}

function checkRecord(reader: SchemaObject, writer: SchemaObject, path: string, context: CheckContext): void {
  const key = `${reader.name}:${writer.name}`;
  if (context.visiting.has(key)) return;
  context.visiting.add(key);
  const readerNames = [reader.name, ...(reader.aliases ?? [])].map((n) => shortName(n ?? ''));
  if (!readerNames.includes(shortName(writer.name ?? ''))) {
    context.problems.push(`${path || '(root)'}: record name changed from ${writer.name} to ${reader.name} without an alias`);
  }
  for (const field of reader.fields ?? []) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const names = [field.name, ...(field.aliases ?? [])];
    const written = (writer.fields ?? []).find((f) => names.includes(f.name));
    if (written) {
      check(field.type, written.type, fieldPath, context);
    } else if (!('default' in field)) {
      context.problems.push(`${fieldPath}: field added without a default`);
    }
  }
  context.visiting.delete(key);
}

function checkEnum(reader: SchemaObject, writer: SchemaObject, at: string, context: CheckContext): void {
  if (reader.default !== undefined) return;
  const missing = (writer.symbols ?? []).filter((s) => !(reader.symbols ?? []).includes(s));
  if (missing.length > 0) {
    context.problems.push(`${at}: enum symbols removed without an enum default: ${missing.join(', ')}`);
  }
}

import { isPrimitiveName, type AvroFieldJson, type AvroSchemaJson, type AvroSchemaObject } from '@furnish/shared-contracts';
import { MinimisationPolicyError } from './errors';
import { parsePath } from './policy-path';

/** Field names to keep at one level, each with what to keep below it (empty: the whole field). */
type PathTree = Map<string, PathTree>;

const READER = 'minimiser-reader';

/**
 * The consented-loan-event schema cut down to the fields the minimiser reads: the envelope
 * (`bureau`, `consent`, `decidedAt`), the record key `loanEvent.account.accountId`, and every path
 * a policy releases or checks. Read with it, everything else in the event — consumption details
 * above all — is skipped by the Avro decoder and never becomes a value in the minimiser. It is a
 * subset of the full schema, so it resolves against every writer the full schema resolves against.
 *
 * `paths` are MinimiserInput paths (`account.balance`, `consent.consentId`, `statement.paymentHistory`).
 */
export function minimiserReaderSchema(consented: AvroSchemaObject, paths: readonly string[]): AvroSchemaObject {
  const loanEvent = new Map<string, PathTree>();
  addPath(loanEvent, 'account.accountId');
  for (const path of paths) if (!path.startsWith('consent.')) addPath(loanEvent, path);
  return {
    ...consented,
    fields: (consented.fields ?? []).map((field) => (field.name === 'loanEvent' ? { ...field, type: project(field.type, loanEvent, 'loanEvent') } : field)),
  };
}

function addPath(tree: PathTree, path: string): void {
  let level = tree;
  for (const { name } of parsePath(path)) {
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
    throw new MinimisationPolicyError(READER, [`${at}: the named type ${type} is referenced by name; the minimiser's reader schema cannot project it`]);
  }
  const node = type as AvroSchemaObject;
  if (node.type === 'array') return { ...node, items: project(node.items!, keep, `${at}[]`) };
  if (node.type !== 'record') return node;
  const fields = (node.fields ?? []).filter((field: AvroFieldJson) => keep.has(field.name));
  const missing = [...keep.keys()].filter((name) => !fields.some((field) => field.name === name));
  if (missing.length > 0) throw new MinimisationPolicyError(READER, missing.map((name) => `${at}.${name}: no such field in the consented loan event`));
  return { ...node, fields: fields.map((field) => ({ ...field, type: project(field.type, keep.get(field.name)!, `${at}.${field.name}`) })) };
}

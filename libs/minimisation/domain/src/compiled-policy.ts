import { MinimisationPolicyError } from './errors';
import { policyRef, releasedFields, type FieldRule, type MinimisationPolicy, type OneOfRule } from './minimisation-policy';
import { parsePath } from './policy-path';
import { policyProblems, type PolicySchemas } from './policy-guard';
import { fieldFacts, type FieldFacts } from './schema-facts';

/** A released leaf field, with what to write when it has no value. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly name: string;
  readonly path: string;
  readonly rule: FieldRule;
  /** Written when the field is absent or withheld: null if the minimised field is nullable, '' for a string, [] for an array. */
  readonly absentValue: null | '' | readonly never[];
  /** A non-nullable field that has no empty form (a number, date or enum): it must have a value. */
  readonly mustHaveValue: boolean;
}

/** A record on the way to released fields (`borrower`, `borrower.address`, `statement`). */
export interface RecordFieldNode {
  readonly kind: 'record';
  readonly name: string;
  readonly path: string;
  readonly nullable: boolean;
  readonly fields: RecordShape;
}

/** An array of records on the way to released fields (`transaction.purchasedItems[]`). */
export interface RecordArrayNode {
  readonly kind: 'records';
  readonly name: string;
  readonly path: string;
  /** The array may be null (`account.overdueInstalments`): null stays null, it does not become []. */
  readonly nullable: boolean;
  readonly fields: RecordShape;
}

export type PolicyNode = LeafNode | RecordFieldNode | RecordArrayNode;
export type RecordShape = readonly PolicyNode[];

/** A policy checked against its schemas and turned into the tree the engine walks. */
export interface CompiledPolicy {
  readonly policy: MinimisationPolicy;
  /** `<bureau>@<version>`. */
  readonly ref: string;
  readonly root: RecordShape;
  readonly oneOf: readonly OneOfRule[];
}

/** Checks the policy (policyProblems) and compiles it; throws MinimisationPolicyError listing every problem. */
export function compilePolicy(policy: MinimisationPolicy, schemas: PolicySchemas): CompiledPolicy {
  const ref = policyRef(policy);
  const problems = policyProblems(policy, schemas);
  if (problems.length > 0) throw new MinimisationPolicyError(ref, problems);
  const output = fieldFacts(schemas.output);
  return { policy, ref, root: buildShape(releasedFields(policy), output, ''), oneOf: policy.oneOf ?? [] };
}

type Entry = readonly [path: string, rule: FieldRule];

/** Groups released paths by their first segment under `prefix` and recurses into records. */
function buildShape(entries: readonly Entry[], output: ReadonlyMap<string, FieldFacts>, prefix: string): RecordShape {
  const groups = new Map<string, { arrayOfRecords: boolean; entries: Entry[] }>();
  for (const [path, rule] of entries) {
    const relative = path.slice(prefix.length);
    const [first] = parsePath(relative);
    const group = groups.get(first.name) ?? { arrayOfRecords: first.arrayOfRecords, entries: [] };
    group.entries.push([path, rule]);
    groups.set(first.name, group);
  }
  return [...groups].map(([name, group]): PolicyNode => {
    const path = `${prefix}${name}`;
    const facts = output.get(path) as FieldFacts;
    if (group.entries.length === 1 && group.entries[0][0] === path) {
      const absentValue = facts.nullable ? null : facts.kind === 'string' ? '' : facts.kind === 'array' ? [] : null;
      return { kind: 'leaf', name, path, rule: group.entries[0][1], absentValue, mustHaveValue: !facts.nullable && facts.kind === 'other' };
    }
    if (group.arrayOfRecords) return { kind: 'records', name, path, nullable: facts.nullable, fields: buildShape(group.entries, output, `${path}[].`) };
    return { kind: 'record', name, path, nullable: facts.nullable, fields: buildShape(group.entries, output, `${path}.`) };
  });
}

import { NEVER_FURNISHED_TAGS, type AvroSchemaJson, type ClassificationTag } from '@furnish/shared-contracts';
import { releasedFields, type MinimisationPolicy } from './minimisation-policy';
import { ancestorPaths } from './policy-path';
import { fieldFacts } from './schema-facts';

/** The schemas a policy is applied with: what the minimiser reads, and the bureau's minimised record. */
export interface PolicySchemas {
  /** MinimiserInput: the loan event plus `consent` (see minimiserInputSchema). */
  readonly input: AvroSchemaJson;
  /** The bureau's minimised record, e.g. minimised-pboc-crc-record. */
  readonly output: AvroSchemaJson;
}

const neverFurnished = (tag: ClassificationTag | undefined): boolean => tag !== undefined && NEVER_FURNISHED_TAGS.includes(tag);

/**
 * Everything wrong with a policy against its schemas, as readable lines naming paths; empty when
 * the policy may run. The build-time guard (policy-guard.spec.ts) and the minimiser's start-up both
 * call it. A policy must:
 * - release only leaf fields of the input, with the classification the schema gives them;
 * - release nothing tagged consumption-detail, device or location, nor anything inside such a field;
 * - list exactly the leaf fields of the bureau's minimised schema (no more, no fewer);
 * - normalise only string fields, and name in `oneOf` only fields it releases.
 */
export function policyProblems(policy: MinimisationPolicy, schemas: PolicySchemas): string[] {
  const problems: string[] = [];
  if (policy.default !== 'drop') problems.push(`default must be 'drop' (closed world), not ${JSON.stringify(policy.default)}`);
  const input = fieldFacts(schemas.input);
  const output = fieldFacts(schemas.output);
  const released = releasedFields(policy);
  const releasedPaths = new Set(released.map(([path]) => path));

  for (const [path, rule] of released) {
    const field = input.get(path);
    if (!field) {
      problems.push(`${path}: not a field of the input schema`);
      continue;
    }
    if (!field.leaf) problems.push(`${path}: holds a record; a policy releases leaf fields only`);
    if (field.tag !== rule.tag) problems.push(`${path}: the policy expects classification ${rule.tag}, the input schema tags it ${field.tag ?? '(none)'}`);
    if (neverFurnished(field.tag) || neverFurnished(rule.tag as ClassificationTag)) {
      problems.push(`${path}: classified ${field.tag ?? rule.tag}, which is never furnished`);
    }
    for (const ancestor of ancestorPaths(path)) {
      const tag = input.get(ancestor)?.tag;
      if (neverFurnished(tag)) problems.push(`${path}: inside ${ancestor}, classified ${tag}, which is never furnished`);
    }
    if (rule.normalise && field.kind !== 'string') {
      problems.push(`${path}: normaliser ${rule.normalise.kind} applies to string fields only`);
    }
  }

  for (const [path, field] of output) {
    if (neverFurnished(field.tag)) problems.push(`${path}: the minimised schema carries a field classified ${field.tag}`);
    if (!field.leaf) continue;
    if (!releasedPaths.has(path)) problems.push(`${path}: in the minimised schema but not released by the policy`);
    const source = input.get(path);
    if (source && source.tag !== field.tag) problems.push(`${path}: the minimised schema tags it ${field.tag ?? '(none)'}, the input ${source.tag ?? '(none)'}`);
  }
  for (const path of releasedPaths) {
    if (input.has(path) && !output.get(path)?.leaf) problems.push(`${path}: released by the policy but not a leaf field of the minimised schema`);
  }

  for (const rule of policy.oneOf ?? []) {
    for (const path of rule.paths) if (!releasedPaths.has(path)) problems.push(`${rule.id}: ${path} is not released by the policy`);
  }
  return problems;
}

import type { Violation } from './violation';

/** A failure a rule reports on another of its fields than the first. */
export interface RuleFailure<P extends string> {
  readonly field: P;
  readonly code: string;
}

/**
 * A cross-field rule, declared as data in an explicit list (never discovered by reflection).
 * `check` returns null when the record passes, a code (reported at the first field), or failures
 * on named fields.
 */
export interface RecordRule<T, P extends string, C = undefined> {
  /** Stable id, e.g. `metro2.base.payment-rating-iff-status`; named in violations and the docs. */
  readonly id: string;
  /** Where it comes from: bureau-formats.md section and the bureau's own rule code if known. */
  readonly ref: string;
  /** Fields the rule reads; a violation names the first unless the check says otherwise. */
  readonly fields: readonly [P, ...P[]];
  readonly check: (record: T, context: C) => string | null | readonly RuleFailure<P>[];
}

export interface RunRulesOptions<P extends string> {
  /** Field → violation path, e.g. `accountStatus` → `base.accountStatus`. */
  readonly pathOf: (field: P) => string;
  /** Paths already reported invalid: rules reading them are skipped instead of cascading. */
  readonly skipPaths?: ReadonlySet<string>;
}

export function runRules<T, P extends string, C>(
  rules: readonly RecordRule<T, P, C>[],
  record: T,
  context: C,
  options: RunRulesOptions<P>,
): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    if (options.skipPaths && rule.fields.some((field) => options.skipPaths!.has(options.pathOf(field)))) continue;
    const outcome = rule.check(record, context);
    if (outcome === null) continue;
    const failures: readonly RuleFailure<P>[] = typeof outcome === 'string' ? [{ field: rule.fields[0], code: outcome }] : outcome;
    for (const failure of failures) violations.push({ ruleId: rule.id, path: options.pathOf(failure.field), code: failure.code });
  }
  return violations;
}

/** Identity with the rule list's type spelled once, so each entry is checked against it. */
export const defineRules = <T, P extends string, C = undefined>(rules: readonly RecordRule<T, P, C>[]): readonly RecordRule<T, P, C>[] =>
  Object.freeze([...rules]);

/**
 * One broken bureau rule: the rule id, the field path it concerns and a short machine reason
 * (`required`, `too-long`, `not-in-code-table`, …). Never the value: violations reach error
 * messages, logs and dead-letter headers.
 */
export interface Violation {
  readonly ruleId: string;
  readonly path: string;
  readonly code: string;
}

/** `ruleId at path (code)`, one per violation; safe to log. */
export const describeViolation = (v: Violation): string => `${v.ruleId} at ${v.path} (${v.code})`;

/** The same violation reported twice (e.g. by two passes over one field) is kept once. */
export function uniqueViolations(violations: Iterable<Violation>): Violation[] {
  const seen = new Set<string>();
  const unique: Violation[] = [];
  for (const v of violations) {
    const key = `${v.ruleId}\u0000${v.path}\u0000${v.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(v);
    }
  }
  return unique;
}

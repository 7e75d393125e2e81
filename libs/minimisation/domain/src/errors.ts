import { FurnishError } from '@furnish/shared-util-errors';

/** A field the bureau needs that is absent, or present in a form the bureau cannot take. */
export interface FieldProblem {
  /** The policy path, e.g. `borrower.idNumber`; never the value. */
  readonly path: string;
  readonly problem: 'missing' | 'malformed';
  /** For `malformed`: the form the bureau expects, a fixed text from the normaliser. */
  readonly expected?: string;
}

export const describeFieldProblem = ({ path, problem, expected }: FieldProblem): string =>
  problem === 'missing' ? `${path} is missing` : `${path} is malformed (expected ${expected ?? 'a well-formed value'})`;

/**
 * The consented record lacks, or has malformed, a field its bureau requires. The message names the
 * policy and the field paths only: it reaches DLQ headers and logs. Its rule ids,
 * `<bureau>.<path>.<missing|malformed>` (e.g. `baihang.borrower.idNumber.malformed`), are a closed set
 * per policy: metric labels and the audit trail's rejection reason.
 */
export class RecordRejectedError extends FurnishError {
  override readonly ruleIds: readonly string[];

  constructor(
    readonly policy: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super('EVENT_INVALID', `minimisation policy ${policy} rejected the record: ${problems.map(describeFieldProblem).join('; ')}`, 'dead-letter');
    const bureau = policy.split('@')[0];
    this.ruleIds = [...new Set(problems.map((p) => `${bureau}.${p.path}.${p.problem}`))];
  }
}

/** A policy does not fit the schemas it is applied with; the minimiser refuses to start. */
export class MinimisationPolicyError extends Error {
  constructor(
    readonly policy: string,
    readonly problems: readonly string[],
  ) {
    super(`minimisation policy ${policy} does not fit the schemas:\n  ${problems.join('\n  ')}`);
    this.name = new.target.name;
  }
}

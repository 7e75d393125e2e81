import {
  BUREAUS,
  MINIMISED_SCHEMA_BY_BUREAU,
  TOPICS,
  bureauOfCode,
  schemaCatalog,
  type Bureau,
  type AvroSchemaObject,
  type ConsentedLoanEvent,
  type SchemaCatalog,
} from '@furnish/shared-contracts';
import { applyPolicy } from './apply-policy';
import { compilePolicy, type CompiledPolicy } from './compiled-policy';
import { RecordRejectedError } from './errors';
import { policySends, releasedFields, type MinimisationPolicy } from './minimisation-policy';
import { NORMALISER_READS } from './normalisers';
import { minimiserInputOf, minimiserInputSchema } from './minimiser-input';
import { MINIMISATION_POLICIES } from './policies';
import { minimiserReaderSchema } from './reader-schema';

const SENDING_PATHS = ['eventType', 'account.productType'];

export type MinimiseOutcome =
  | {
      readonly kind: 'minimised';
      readonly bureau: Bureau;
      /** `<bureau>@<version>` of the policy applied, for the audit header. */
      readonly policy: string;
      readonly topic: string;
      readonly value: Record<string, unknown>;
      /** Optional fields withheld because they were malformed (paths only). */
      readonly withheld: readonly string[];
    }
  | { readonly kind: 'rejected'; readonly bureau: Bureau; readonly policy: string; readonly error: RecordRejectedError }
  /** Valid, but of an event type the policy does not send for its product (MinimisationPolicy.events). */
  | { readonly kind: 'not-sent'; readonly bureau: Bureau; readonly policy: string };

export interface MinimiserOptions {
  /** The policy of each bureau; MINIMISATION_POLICIES unless a test says otherwise. */
  readonly policies?: Readonly<Record<Bureau, MinimisationPolicy>>;
  /** The schemas the policies are checked against; the repository's catalogue by default. */
  readonly catalog?: SchemaCatalog;
}

/**
 * Applies each bureau's minimisation policy to the consented events released to it. Every policy
 * is checked against the input and minimised schemas when the minimiser is built, so a service
 * whose policy and schemas disagree does not start.
 */
export class Minimiser {
  private readonly compiled: Readonly<Record<Bureau, CompiledPolicy>>;

  constructor({ policies = MINIMISATION_POLICIES, catalog = schemaCatalog() }: MinimiserOptions = {}) {
    const input = minimiserInputSchema(catalog);
    this.compiled = Object.fromEntries(
      BUREAUS.map((bureau) => [bureau, compilePolicy(policies[bureau], { input, output: catalog.latest(MINIMISED_SCHEMA_BY_BUREAU[bureau]).json })]),
    ) as Record<Bureau, CompiledPolicy>;
  }

  /** The consented-loan-event schema narrowed to what the policies read (see minimiserReaderSchema). */
  readerSchema(consented: AvroSchemaObject): AvroSchemaObject {
    const paths = Object.values(this.compiled).flatMap(({ policy, oneOf }) => [
      ...releasedFields(policy).flatMap(([path, rule]) => [path, ...(rule.normalise ? NORMALISER_READS[rule.normalise.kind] : [])]),
      ...oneOf.flatMap((rule) => rule.paths),
    ]);
    // Every event's type and product decide whether it is sent at all (MinimisationPolicy.events).
    return minimiserReaderSchema(consented, [...SENDING_PATHS, ...paths]);
  }

  policyRef(bureau: Bureau): string {
    return this.compiled[bureau].ref;
  }

  minimise(consented: ConsentedLoanEvent): MinimiseOutcome {
    const bureau = bureauOfCode(consented.bureau);
    const compiled = this.compiled[bureau];
    const applied = applyPolicy(compiled, minimiserInputOf(consented));
    if (!applied.ok) return { kind: 'rejected', bureau, policy: compiled.ref, error: new RecordRejectedError(compiled.ref, applied.problems) };
    // Validated first, so a malformed event is dead-lettered whether or not its bureau would get it. The
    // filter keeps such events off the consented topic; one arrives here only from a filter older than that.
    const { eventType, account } = consented.loanEvent;
    if (!policySends(compiled.policy, account.productType, eventType)) return { kind: 'not-sent', bureau, policy: compiled.ref };
    return { kind: 'minimised', bureau, policy: compiled.ref, topic: TOPICS.minimised[bureau], value: applied.value, withheld: applied.withheld };
  }
}

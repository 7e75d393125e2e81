import type { Bureau, ClassificationTag, LoanEventType, ProductType } from '@furnish/shared-contracts';
import type { MinimiserInput } from './minimiser-input';
import type { Normaliser } from './normalisers';
import type { LeafPath } from './policy-path';

/**
 * Tags a policy may never release (PRODUCT.md rule 2). The type keeps them out of every policy at
 * compile time; a spec checks this list equals NEVER_FURNISHED_TAGS from the contracts.
 */
export const NEVER_RELEASED_TAGS = ['consumption-detail', 'device', 'location'] as const satisfies readonly ClassificationTag[];
export type ReleasableTag = Exclude<ClassificationTag, (typeof NEVER_RELEASED_TAGS)[number]>;

/** One released field. */
export interface FieldRule {
  /** The classification the schema gives the field; if the schema re-tags it, the guard fails. */
  readonly tag: ReleasableTag;
  /** Why the bureau gets it: the bureau field(s) it feeds (bureau-formats.md). */
  readonly why: string;
  /** Missing (null or blank) or malformed → the record is dead-lettered, naming the field. */
  readonly required?: boolean;
  readonly normalise?: Normaliser;
}

/** At least one of these fields must be present, e.g. Metro 2 "SSN or date of birth". */
export interface OneOfRule<P extends string = string> {
  readonly id: string;
  readonly paths: readonly P[];
  readonly why: string;
}

/**
 * A bureau's closed-world allow-list over the minimiser input: what is not listed in `fields` is
 * dropped, including any field a newer schema version adds. Keys are type-checked leaf paths.
 */
export interface MinimisationPolicy<TInput = MinimiserInput> {
  readonly bureau: Bureau;
  /** Bumped on every change; `<bureau>@<version>` is stamped on each minimised record. */
  readonly version: number;
  readonly default: 'drop';
  /** One paragraph for the review table: what the bureau receives and why. */
  readonly summary: string;
  /**
   * The events of each product the bureau receives at all: those its format can report
   * (bureau-formats.md). No other event is put on the consented topic for the bureau — purpose
   * limitation for whole events, as `fields` is for fields: the consent filter audits its release
   * NOT_REPORTABLE and sends it no further (the minimiser does the same for one that reaches it). The
   * formatter may still find a sent event has nothing to report (e.g. a PBOC repayment without
   * arrears). A cross-check (apps/pipeline-e2e/src/policy-events.spec.ts) fails when a format can
   * report an event its policy does not send.
   */
  readonly events: { readonly [P in ProductType]: readonly LoanEventType[] };
  readonly fields: { readonly [P in LeafPath<TInput>]?: FieldRule };
  readonly oneOf?: readonly OneOfRule<LeafPath<TInput>>[];
}

/** Whether the policy sends an event of this type and product to its bureau. */
export const policySends = (policy: Pick<MinimisationPolicy<unknown>, 'events'>, productType: ProductType, eventType: LoanEventType): boolean =>
  policy.events[productType].includes(eventType);

/** Declares a policy; the generic keeps the literal paths checked against the input type. */
export function definePolicy<TInput = MinimiserInput>(policy: MinimisationPolicy<NoInfer<TInput>>): MinimisationPolicy<TInput> {
  return Object.freeze(policy);
}

/** The policy's audit reference, e.g. `pboc-crc@3`. */
export const policyRef = (policy: Pick<MinimisationPolicy<unknown>, 'bureau' | 'version'>): string => `${policy.bureau}@${policy.version}`;

/** The released paths and their rules, in declaration order. */
export const releasedFields = (policy: MinimisationPolicy): readonly (readonly [string, FieldRule])[] =>
  Object.entries(policy.fields).filter((entry): entry is [string, FieldRule] => entry[1] !== undefined);

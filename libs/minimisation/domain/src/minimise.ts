import {
  MINIMISED_SCHEMA_BY_BUREAU,
  TOPICS,
  bureauOfCode,
  projectOnto,
  schemaCatalog,
  type Bureau,
  type ConsentedLoanEvent,
} from '@furnish/shared-contracts';

export interface MinimisedRecord {
  readonly bureau: Bureau;
  readonly topic: string;
  readonly value: Record<string, unknown>;
}

/**
 * The bureau's minimised record for a consented event: a closed-world copy of only the fields the
 * bureau's minimised schema declares. Anything else — consumption details, or fields a newer input
 * schema adds — is dropped because it is not listed, not because it is recognised.
 */
export function minimise(consented: ConsentedLoanEvent): MinimisedRecord {
  const bureau = bureauOfCode(consented.bureau);
  const schema = schemaCatalog().latest(MINIMISED_SCHEMA_BY_BUREAU[bureau]).json;
  return {
    bureau,
    topic: TOPICS.minimised[bureau],
    value: projectOnto({ ...consented.loanEvent, consent: consented.consent }, schema),
  };
}

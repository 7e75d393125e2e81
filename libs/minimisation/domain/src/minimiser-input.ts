import type { AvroSchemaObject, ConsentRef, ConsentedLoanEvent, LoanEvent, SchemaCatalog } from '@furnish/shared-contracts';

/**
 * What a minimisation policy reads: the loan event as received, plus the consent that authorised
 * its release to the bureau. Every minimised record is built from this and nothing else.
 */
export type MinimiserInput = LoanEvent & { readonly consent: ConsentRef };

export const minimiserInputOf = (consented: ConsentedLoanEvent): MinimiserInput => ({ ...consented.loanEvent, consent: consented.consent });

/**
 * The schema of MinimiserInput, for classification and the policy guard: the loan event's schema
 * (the given version, latest by default) with the `consent` field of the consented-loan-event
 * schema appended, tags and docs included.
 */
export function minimiserInputSchema(catalog: SchemaCatalog, loanEvent: AvroSchemaObject = catalog.latest('loan-event').json): AvroSchemaObject {
  const consent = (catalog.latest('consented-loan-event').json.fields ?? []).find((field) => field.name === 'consent');
  if (!consent) throw new Error('consented-loan-event has no consent field');
  return { ...loanEvent, fields: [...(loanEvent.fields ?? []), consent] };
}

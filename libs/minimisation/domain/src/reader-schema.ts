import { projectSchema, type AvroSchemaObject } from '@furnish/shared-contracts';

/**
 * The consented-loan-event schema cut down to the fields the minimiser reads: the envelope
 * (`bureau`, `consent`, `decidedAt`), the record key `loanEvent.account.accountId`, and every path
 * a policy releases or checks. Read with it, everything else in the event — consumption details
 * above all — is skipped by the Avro decoder and never becomes a value in the minimiser.
 *
 * `paths` are MinimiserInput paths (`account.balance`, `consent.consentId`, `statement.paymentHistory`).
 */
export function minimiserReaderSchema(consented: AvroSchemaObject, paths: readonly string[]): AvroSchemaObject {
  const loanEventPaths = ['account.accountId', ...paths.filter((path) => !path.startsWith('consent.'))];
  return projectSchema(consented, ['bureau', 'consent', 'decidedAt', ...loanEventPaths.map((path) => `loanEvent.${path}`)]);
}

import {
  BUREAU_CODES,
  toLocalDate,
  type AvroFieldJson,
  type AvroSchemaJson,
  type AvroSchemaObject,
  type Bureau,
  type ConsentedLoanEvent,
  type LoanEvent,
} from '@furnish/shared-contracts';
import { aConsentedLoanEvent, aStatementClosedLoanEvent, aTransaction, aUsBorrower, anInstalmentAccount, applyOverrides, type Overrides } from '@furnish/shared-contracts/testing';
import Big from 'big.js';

/**
 * A month-end event the bureau's policy accepts, with a transaction (every consumption-detail,
 * device and location field filled) so that tests see what must be dropped, and the history
 * fields of loan-event v2 (an unpaid amount, two month ends) so that every optional array has items.
 * Baihang's is an instalment loan: its policy does not send a revolving line's statement.
 */
export function aLoanEventFor(bureau: Bureau, overrides: Overrides<LoanEvent> = {}): LoanEvent {
  const product: Overrides<LoanEvent> = bureau === 'baihang' ? { account: anInstalmentAccount() } : {};
  const usConsumer: Overrides<LoanEvent> = bureau === 'metro2' ? { borrower: aUsBorrower(), account: { currency: 'USD', creditLimit: new Big('5000.00') } } : {};
  const history: Overrides<LoanEvent> = {
    account: {
      overdueInstalments: [{ dueDate: toLocalDate('2024-04-20'), principalUnpaid: new Big('800.00'), interestUnpaid: new Big('42.10') }],
      paymentHistory: [
        { monthEnd: toLocalDate('2024-04-30'), standing: 'PAST_DUE_30' },
        { monthEnd: toLocalDate('2024-03-31'), standing: 'CURRENT' },
      ],
    },
  };
  return applyOverrides(applyOverrides(applyOverrides(applyOverrides(aStatementClosedLoanEvent({ transaction: aTransaction() }), product), history), usConsumer), overrides);
}

export function aConsentedLoanEventFor(bureau: Bureau, overrides: Overrides<LoanEvent> = {}): ConsentedLoanEvent {
  return aConsentedLoanEvent({ bureau: BUREAU_CODES[bureau], loanEvent: aLoanEventFor(bureau, overrides) });
}

/**
 * A copy of a schema with the record at `recordPath` ('' for the root; `transaction`,
 * `transaction.purchasedItems[]`) replaced by `update(record)`, looking through optional unions
 * and arrays.
 */
export function withUpdatedRecord(schema: AvroSchemaObject, recordPath: string, update: (record: AvroSchemaObject) => AvroSchemaObject): AvroSchemaObject {
  const names = recordPath === '' ? [] : recordPath.split('.');
  const visit = (node: AvroSchemaJson, rest: readonly string[]): AvroSchemaJson => {
    if (Array.isArray(node)) return node.map((branch: AvroSchemaJson) => (branch === 'null' ? branch : visit(branch, rest)));
    if (typeof node === 'string') throw new Error(`cannot reach ${recordPath} through the named reference ${node}`);
    const object = node as AvroSchemaObject;
    if (object.type === 'array') return { ...object, items: visit(object.items as AvroSchemaJson, rest) };
    if (typeof object.type === 'object') return { ...object, type: visit(object.type, rest) };
    if (object.type !== 'record') throw new Error(`${recordPath} does not lead to a record`);
    if (rest.length === 0) return update(object);
    const [head, ...tail] = rest;
    const name = head.replace(/\[\]$/, '');
    if (!object.fields?.some((f) => f.name === name)) throw new Error(`no field ${name} on the way to ${recordPath}`);
    return { ...object, fields: object.fields.map((f) => (f.name === name ? { ...f, type: visit(f.type, tail) } : f)) };
  };
  return visit(schema, names) as AvroSchemaObject;
}

/** How a newer, BACKWARD-compatible schema version adds a field: appended to the record at `recordPath`. */
export const withAddedField = (schema: AvroSchemaObject, recordPath: string, field: AvroFieldJson): AvroSchemaObject =>
  withUpdatedRecord(schema, recordPath, (record) => ({ ...record, fields: [...(record.fields ?? []), field] }));

/** A copy of a schema in which the field at `path` carries another classification tag. */
export function withRetaggedField(schema: AvroSchemaObject, path: string, classification: string): AvroSchemaObject {
  const cut = path.lastIndexOf('.');
  const [recordPath, name] = cut < 0 ? ['', path] : [path.slice(0, cut), path.slice(cut + 1)];
  return withUpdatedRecord(schema, recordPath, (record) => ({ ...record, fields: (record.fields ?? []).map((f) => (f.name === name ? { ...f, classification } : f)) }));
}

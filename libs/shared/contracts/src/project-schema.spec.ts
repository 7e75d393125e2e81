import { parseAvroSchema } from './logical-types';
import { projectSchema } from './project-schema';
import { schemaCatalog } from './schema-catalog';
import { aStatementClosedLoanEvent, aTransaction } from './testing';

const loanEvent = schemaCatalog().latest('loan-event');

describe('projectSchema', () => {
  it('keeps the listed fields, whole records where a path ends at one, and array items along a path', () => {
    const projected = projectSchema(loanEvent.json, ['eventId', 'borrower', 'transaction.purchasedItems[].sku']);
    const reader = parseAvroSchema(projected);
    const event = aStatementClosedLoanEvent({ transaction: aTransaction() });
    const read = reader.fromBuffer(loanEvent.type.toBuffer(event), reader.createResolver(loanEvent.type)) as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(['eventId', 'borrower', 'transaction']);
    expect(read['borrower']).toEqual(event.borrower);
    expect(read['transaction']).toEqual({ purchasedItems: event.transaction!.purchasedItems.map(({ sku }) => ({ sku })) });
  });

  it('names the path the schema does not have', () => {
    expect(() => projectSchema(loanEvent.json, ['account.nickname'])).toThrow('LoanEvent.account.nickname: no such field');
    expect(() => projectSchema(loanEvent.json, ['eventId', 'colour'])).toThrow('LoanEvent.colour: no such field');
  });
});

import { BUREAUS, parseAvroSchema, schemaCatalog, type AvroSchemaJson, type AvroSchemaObject, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { NEVER_RELEASED_TAGS } from './minimisation-policy';
import { Minimiser } from './minimiser';
import { minimiserReaderSchema } from './reader-schema';
import { aConsentedLoanEventFor, withAddedField } from './testing';

const catalog = schemaCatalog();
const consented = catalog.latest('consented-loan-event');
const minimiser = new Minimiser();
const reader = minimiser.readerSchema(consented.json);
const readerType = parseAvroSchema(reader);

/** Writes with the full schema and reads with the minimiser's, as the service does. */
const readAsMinimiser = (event: ConsentedLoanEvent): ConsentedLoanEvent =>
  readerType.fromBuffer(consented.type.toBuffer(event), readerType.createResolver(consented.type)) as ConsentedLoanEvent;

function classificationsIn(node: AvroSchemaJson, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((branch: AvroSchemaJson) => classificationsIn(branch, found));
  else if (typeof node === 'object') {
    const object = node as AvroSchemaObject;
    for (const field of object.fields ?? []) {
      if (typeof field['classification'] === 'string') found.add(field['classification']);
      classificationsIn(field.type, found);
    }
    if (object.items) classificationsIn(object.items, found);
  }
  return found;
}

describe("the minimiser's reader schema", () => {
  it.each(BUREAUS)('yields the same %s record as reading the whole event', (bureau) => {
    for (const event of [aConsentedLoanEventFor(bureau), aConsentedLoanEventFor(bureau, { eventType: 'DRAWDOWN', statement: null })]) {
      expect(minimiser.minimise(readAsMinimiser(event))).toEqual(minimiser.minimise(event));
    }
  });

  it('leaves out every consumption-detail, device and location field, so the decoder skips them', () => {
    const tags = classificationsIn(reader);
    for (const tag of NEVER_RELEASED_TAGS) expect(tags.has(tag)).toBe(false);
    const event = readAsMinimiser(aConsentedLoanEventFor('pboc-crc'));
    expect(Object.keys(event.loanEvent)).not.toContain('transaction');
    expect(event.loanEvent.account.accountId).toBe(aConsentedLoanEventFor('pboc-crc').loanEvent.account.accountId);
  });

  it('keeps the envelope whole', () => {
    expect(reader.fields?.map((field) => field.name)).toEqual(consented.json.fields?.map((field) => field.name));
    expect(reader.fields?.find((field) => field.name === 'consent')).toEqual(consented.json.fields?.find((field) => field.name === 'consent'));
  });

  it('names a path that is not in the schema', () => {
    expect(() => minimiserReaderSchema(consented.json, ['account.nickname'])).toThrow('ConsentedLoanEvent.loanEvent.account.nickname: no such field');
  });

  it('refuses a record reused by name, which one projection could not serve everywhere', () => {
    const reused = withAddedField(consented.json, 'loanEvent', { name: 'previousAccount', type: ['null', 'com.furnish.lending.Account'], default: null });
    expect(() => minimiserReaderSchema(reused, ['previousAccount.accountId'])).toThrow('named type com.furnish.lending.Account is referenced by name and cannot be projected');
  });
});

import fc from 'fast-check';
import { BUREAUS, schemaCatalog, type Bureau, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { releasedFields } from './minimisation-policy';
import { Minimiser } from './minimiser';
import { minimiserInputSchema } from './minimiser-input';
import { MINIMISATION_POLICIES } from './policies';
import { fieldFacts } from './schema-facts';
import { aConsentedLoanEventFor } from './testing';

const minimiser = new Minimiser();
const inputFacts = fieldFacts(minimiserInputSchema(schemaCatalog()));
const RECORDS = ['', 'furnisher', 'account', 'borrower', 'borrower.address', 'transaction', 'transaction.purchasedItems[]', 'transaction.geoLocation', 'statement', 'consent'];

/** Applies `update` to every object found at `path` ('' = root), through arrays marked `[]`. */
function eachAt(root: Record<string, unknown>, path: string, update: (record: Record<string, unknown>, name: string) => void): void {
  const parts = path.split('.');
  const walk = (node: unknown, i: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (i === parts.length - 1) return update(node as Record<string, unknown>, parts[i]);
    const part = parts[i];
    const next = (node as Record<string, unknown>)[part.replace(/\[\]$/, '')];
    if (part.endsWith('[]')) (Array.isArray(next) ? next : []).forEach((item) => walk(item, i + 1));
    else walk(next, i + 1);
  };
  walk(root, 0);
}

/** A deep copy of the consented event as a plain mutable tree (values such as Big are shared). */
const copy = (consented: ConsentedLoanEvent): Record<string, unknown> => structuredCloneTree(consented) as Record<string, unknown>;
function structuredCloneTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCloneTree);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneTree(v)]));
  }
  return value;
}

const minimisedValue = (consented: unknown): unknown => {
  const outcome = minimiser.minimise(consented as ConsentedLoanEvent);
  if (outcome.kind !== 'minimised') throw new Error(outcome.kind === 'rejected' ? outcome.error.message : 'not sent');
  return outcome.value;
};

/** Where a path of the minimiser input lies in the consented event. */
const inConsented = (inputPath: string): string => (inputPath.startsWith('consent.') ? inputPath : `loanEvent.${inputPath}`);

describe('Minimiser properties', () => {
  it('drops any field it was not told about, at any depth, whatever its value', () => {
    const extraField = fc.record({
      record: fc.constantFrom(...RECORDS),
      name: fc.stringMatching(/^[a-z][A-Za-z0-9]{0,12}$/).map((name) => `x${name}`),
      value: fc.jsonValue(),
    });
    fc.assert(
      fc.property(fc.constantFrom<Bureau>(...BUREAUS), fc.array(extraField, { minLength: 1, maxLength: 8 }), (bureau, extras) => {
        const consented = aConsentedLoanEventFor(bureau);
        const expected = minimisedValue(consented);
        const grown = copy(consented);
        for (const { record, name, value } of extras) eachAt(grown, inConsented(record ? `${record}.${name}` : name), (node, key) => (node[key] = value));
        for (const { name } of extras) expect(JSON.stringify(grown)).toContain(`"${name}"`);
        const actual = minimisedValue(grown);
        expect(actual).toEqual(expected);
        for (const { name } of extras) expect(JSON.stringify(actual)).not.toContain(`"${name}"`);
      }),
    );
  });

  it.each(BUREAUS)('%s: no value planted in a field the policy does not release reaches the minimised record', (bureau) => {
    const released = new Set(releasedFields(MINIMISATION_POLICIES[bureau]).map(([path]) => path));
    const plantable = [...inputFacts.values()].filter((f) => f.leaf && f.kind === 'string' && !released.has(f.path)).map((f) => f.path);
    expect(plantable).toEqual(expect.arrayContaining(['borrower.borrowerId', 'borrower.email', 'transaction.merchantName', 'transaction.purchasedItems[].description', 'transaction.geoLocation.city']));
    const canary = fc.stringMatching(/^[A-Z0-9]{6,12}$/).map((s) => `CANARY${s}`);
    fc.assert(
      fc.property(fc.array(canary, { minLength: plantable.length, maxLength: plantable.length }), (canaries) => {
        const consented = aConsentedLoanEventFor(bureau);
        const expected = minimisedValue(consented);
        const planted = copy(consented);
        plantable.forEach((path, i) => eachAt(planted, inConsented(path), (node, key) => (node[key] = canaries[i])));
        expect(canaries.filter((c) => !JSON.stringify(planted).includes(c))).toEqual([]);
        const actual = minimisedValue(planted);
        expect(actual).toEqual(expected);
        const text = JSON.stringify(actual);
        expect(canaries.filter((c) => text.includes(c))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

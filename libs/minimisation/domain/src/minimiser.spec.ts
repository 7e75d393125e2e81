import { BUREAUS, MINIMISED_SCHEMA_BY_BUREAU, TOPICS, classifyLeafFields, schemaCatalog, type Bureau } from '@furnish/shared-contracts';
import { aUsBorrower } from '@furnish/shared-contracts/testing';
import { MinimisationPolicyError, RecordRejectedError } from './errors';
import { releasedFields } from './minimisation-policy';
import { Minimiser, type MinimiseOutcome } from './minimiser';
import { MINIMISATION_POLICIES } from './policies';
import { aConsentedLoanEventFor } from './testing';

const catalog = schemaCatalog();
const minimiser = new Minimiser();

function minimised(outcome: MinimiseOutcome): Extract<MinimiseOutcome, { kind: 'minimised' }> {
  if (outcome.kind !== 'minimised') throw new Error(`expected a minimised record, got: ${outcome.kind === 'rejected' ? outcome.error.message : 'not sent'}`);
  return outcome;
}

function rejected(outcome: MinimiseOutcome): RecordRejectedError {
  if (outcome.kind !== 'rejected') throw new Error('expected a rejection');
  return outcome.error;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
/** Leaf paths as policies write them; an array of records is walked through its first item (`a.b[].c`). */
const leafPathsOf = (value: unknown, prefix = ''): string[] => {
  if (isPlainRecord(value)) return Object.entries(value).flatMap(([k, v]) => leafPathsOf(v, `${prefix}${k}.`));
  if (Array.isArray(value) && isPlainRecord(value[0])) return leafPathsOf(value[0], `${prefix.slice(0, -1)}[].`);
  return [prefix.slice(0, -1)];
};

describe('Minimiser', () => {
  describe.each(BUREAUS)('%s', (bureau) => {
    const schema = catalog.latest(MINIMISED_SCHEMA_BY_BUREAU[bureau]);
    // A correction (loan-event v3), so that every field a policy may release is set, corrects.* included.
    const consented = aConsentedLoanEventFor(bureau, { corrects: { eventId: '0b3f6d2e-6f0c-4a57-9a51-2f4d8f1b7c11', kind: 'CORRECTION' } });
    const outcome = minimised(minimiser.minimise(consented));

    it('emits a valid minimised record on the bureau’s topic, stamped with the policy', () => {
      expect(outcome).toMatchObject({ bureau, topic: TOPICS.minimised[bureau], policy: `${bureau}@${MINIMISATION_POLICIES[bureau].version}`, withheld: [] });
      expect(schema.type.isValid(outcome.value)).toBe(true);
      expect(schema.decode(schema.encode(outcome.value as never))).toEqual(outcome.value);
    });

    it('holds exactly the fields the policy releases (the event carries a full transaction)', () => {
      const released = releasedFields(MINIMISATION_POLICIES[bureau]).map(([path]) => path);
      expect(leafPathsOf(outcome.value).sort()).toEqual([...released].sort());
      expect(classifyLeafFields(schema.json).map((f) => f.path).sort()).toEqual([...released].sort());
      expect(outcome.value).not.toHaveProperty('transaction');
      expect(JSON.stringify(outcome.value)).not.toMatch(/无线蓝牙耳机|SKU-88231|dev-4f1c2a9e7b|203\.0\.113\.25|xiaoming\.wang@example\.com/);
    });

    it('names the consent that authorised the release', () => {
      expect(outcome.value.consent).toEqual(consented.consent);
      expect(outcome.value.eventId).toBe(consented.loanEvent.eventId);
    });
  });

  describe('normalisation', () => {
    it('PBOC: resident id with upper-case X, trimmed name, upper-case organisation code', () => {
      const consented = aConsentedLoanEventFor('pboc-crc', {
        furnisher: { pbocManagementOrgCode: ' f110105000001a ' },
        borrower: { fullName: '  王 小明 ', idNumber: '11010519491231002x' },
      });
      const { value } = minimised(minimiser.minimise(consented));
      expect(value).toMatchObject({ furnisher: { pbocManagementOrgCode: 'F110105000001A' }, borrower: { fullName: '王 小明', idNumber: '11010519491231002X' } });
    });

    it('Baihang: national mobile number in E.164 with +86', () => {
      const { value } = minimised(minimiser.minimise(aConsentedLoanEventFor('baihang', { borrower: { phone: '138 0013 8000' } })));
      expect(value).toMatchObject({ borrower: { phone: '+8613800138000' } });
    });

    it('Metro 2: SSN digits only, US phone in E.164, trimmed address', () => {
      const consented = aConsentedLoanEventFor('metro2', { borrower: { idNumber: '123-45-6789', phone: '(415) 555-0123', address: { line1: ' 123  MAIN ST ' } } });
      const { value } = minimised(minimiser.minimise(consented));
      expect(value).toMatchObject({ borrower: { idNumber: '123456789', phone: '+14155550123', address: { line1: '123 MAIN ST' } } });
    });

    it('Metro 2: the number of a document other than an SSN is withheld; the date of birth suffices', () => {
      const consented = aConsentedLoanEventFor('metro2', { borrower: { idType: 'PASSPORT', idNumber: 'E12345678' } });
      const outcome = minimised(minimiser.minimise(consented));
      expect(outcome.value).toMatchObject({ borrower: { idType: 'PASSPORT', idNumber: '', dateOfBirth: consented.loanEvent.borrower.dateOfBirth } });
      expect(JSON.stringify(outcome.value)).not.toContain('E12345678');
    });

    it('Metro 2: a malformed optional phone is withheld and named, not rejected', () => {
      const outcome = minimised(minimiser.minimise(aConsentedLoanEventFor('metro2', { borrower: { phone: 'ask at branch' } })));
      expect(outcome.value).toMatchObject({ borrower: { phone: '' } });
      expect(outcome.withheld).toEqual(['borrower.phone']);
    });
  });

  describe('rejection (to the DLQ, naming the field and never its value)', () => {
    it.each<[string, Bureau, Parameters<typeof aConsentedLoanEventFor>[1], string, string]>([
      ['PBOC without its management organisation code', 'pboc-crc', { furnisher: { pbocManagementOrgCode: null } }, 'furnisher.pbocManagementOrgCode is missing', ''],
      ['PBOC with a resident id failing its check digit', 'pboc-crc', { borrower: { idNumber: '110105194912310021' } }, 'borrower.idNumber is malformed', '110105194912310021'],
      ['PBOC with a blank name', 'pboc-crc', { borrower: { fullName: '   ' } }, 'borrower.fullName is missing', ''],
      ['Baihang with a passport', 'baihang', { borrower: { idType: 'PASSPORT', idNumber: 'E12345678' } }, 'borrower.idNumber is malformed', 'E12345678'],
      ['Baihang with a landline', 'baihang', { borrower: { phone: '+86 571 8888 8888' } }, 'borrower.phone is malformed', '8888'],
      ['Metro 2 without a family name in Latin letters', 'metro2', { borrower: { familyName: null } }, 'borrower.familyName is missing', ''],
      ['Metro 2 without a street address', 'metro2', { borrower: { address: { line1: '' } } }, 'borrower.address.line1 is missing', ''],
      ['Metro 2 with an all-zero furnisher id', 'metro2', { furnisher: { metro2IdentificationNumber: '0000000' } }, 'furnisher.metro2IdentificationNumber is malformed', '0000000'],
    ])('%s', (_title, bureau, overrides, expected, value) => {
      const error = rejected(minimiser.minimise(aConsentedLoanEventFor(bureau, overrides)));
      expect(error).toBeInstanceOf(RecordRejectedError);
      expect(error).toMatchObject({ code: 'EVENT_INVALID', disposition: 'dead-letter', policy: `${bureau}@${MINIMISATION_POLICIES[bureau].version}` });
      expect(error.message).toContain(expected);
      if (value) expect(error.message).not.toContain(value);
    });

    it('lists every problem at once', () => {
      const error = rejected(minimiser.minimise(aConsentedLoanEventFor('metro2', { borrower: { familyName: null, givenName: ' ', address: { city: '' } } })));
      expect(error.problems.map((p) => p.path)).toEqual(['borrower.familyName', 'borrower.givenName', 'borrower.address.city']);
    });

    it('Metro 2: requires an SSN or a date of birth, through the one-of rule', () => {
      // The schema makes dateOfBirth mandatory, so only a record built around the schema can lack it.
      const consented = aConsentedLoanEventFor('metro2', { borrower: { ...aUsBorrower(), idType: 'OTHER' } });
      const withoutBirthDate = { ...consented, loanEvent: { ...consented.loanEvent, borrower: { ...consented.loanEvent.borrower, dateOfBirth: null as never } } };
      const error = rejected(minimiser.minimise(withoutBirthDate));
      expect(error.message).toContain('one of borrower.idNumber, borrower.dateOfBirth is missing');
    });
  });

  it('refuses to start with a policy that does not fit the schemas', () => {
    const broken = { ...MINIMISATION_POLICIES, baihang: { ...MINIMISATION_POLICIES.baihang, fields: { ...MINIMISATION_POLICIES.baihang.fields, 'borrower.email': { tag: 'contact' as const, why: 'no' } } } };
    expect(() => new Minimiser({ policies: broken })).toThrow(MinimisationPolicyError);
    expect(() => new Minimiser({ policies: broken })).toThrow('baihang@3 does not fit the schemas:\n  borrower.email: released by the policy but not a leaf field of the minimised schema');
  });
});

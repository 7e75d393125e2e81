import fc from 'fast-check';
import { BUREAU_FORMATS } from '@furnish/bureau-formats';
import { arbitraryBaihangRecord } from '@furnish/bureau-format-baihang/testing';
import { arbitraryMetro2Record } from '@furnish/bureau-format-metro2/testing';
import { arbitraryPbocRecord } from '@furnish/bureau-format-pboc-crc/testing';
import { MINIMISATION_POLICIES, policySends } from '@furnish/minimisation-domain';
import type { Bureau } from '@furnish/shared-contracts';

/**
 * The minimiser does not send an event its bureau's policy leaves out (MinimisationPolicy.events), so
 * a format must never be able to report one: otherwise a record the bureau is owed would be lost
 * silently. Each format's own generator of valid records covers every event type of both products.
 */
const RECORDS: { readonly [B in Bureau]: () => fc.Arbitrary<{ readonly eventType: string; readonly account: { readonly productType: string } }> } = {
  'pboc-crc': arbitraryPbocRecord,
  baihang: arbitraryBaihangRecord,
  metro2: arbitraryMetro2Record,
};

describe.each(Object.keys(RECORDS) as Bureau[])('%s: the policy sends every event the format can report', (bureau) => {
  it('holds for the format’s valid records of every event type and product', () => {
    const policy = MINIMISATION_POLICIES[bureau];
    const format = BUREAU_FORMATS[bureau] as { format(record: unknown): readonly unknown[] };
    const seen = new Set<string>();
    fc.assert(
      fc.property(RECORDS[bureau](), (record) => {
        const reported = format.format(record).length > 0;
        if (reported) seen.add(`${record.account.productType} ${record.eventType}`);
        return !reported || policySends(policy, record.account.productType as never, record.eventType as never);
      }),
      { numRuns: 500 },
    );
    // The property is only as good as its coverage: every pair the policy sends that can be reported was met.
    expect(seen.size).toBeGreaterThan(0);
  });

  it('sends nothing the format never reports for that product', () => {
    // Hand-derived from bureau-formats.md: which (product, event) pairs can yield a record at all.
    const reportable: { readonly [B in Bureau]: Record<string, readonly string[]> } = {
      'pboc-crc': {
        INSTALMENT_LOAN: ['ACCOUNT_OPENED', 'REPAYMENT', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED'],
        REVOLVING_LINE: ['ACCOUNT_OPENED', 'REPAYMENT', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED'],
      },
      metro2: {
        INSTALMENT_LOAN: ['ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
        REVOLVING_LINE: ['ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
      },
      baihang: {
        INSTALMENT_LOAN: ['ACCOUNT_OPENED', 'REPAYMENT', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
        REVOLVING_LINE: ['ACCOUNT_OPENED', 'CREDIT_LIMIT_CHANGED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
      },
    };
    expect(MINIMISATION_POLICIES[bureau].events).toEqual(reportable[bureau]);
  });
});

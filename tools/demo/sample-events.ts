import { randomUUID } from 'node:crypto';
import type { ConsentEvent, LoanEvent } from '@furnish/shared-contracts';
import { aBorrower, aConsentEvent, aLoanEvent, anInstalmentAccount, aRevolvingAccount, aStatementClosedLoanEvent, aUsBorrower } from '@furnish/shared-contracts/testing';

export interface SampleBorrower {
  readonly label: string;
  readonly accountId: string;
  readonly consents: readonly ConsentEvent[];
  readonly events: readonly LoanEvent[];
}

/**
 * A handful of borrowers covering the cases a newcomer should see: consent to two bureaus, to one,
 * to Metro 2 for a US borrower, no consent, and a withdrawn consent. Ids are fresh on every run so
 * repeated demos do not collide.
 */
export function sampleBorrowers(): SampleBorrower[] {
  const run = randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();
  const at = (iso: string) => new Date(iso);
  const lifecycle = (borrowerId: string, accountId: string, account = aRevolvingAccount({ accountId }), borrower = aBorrower({ borrowerId })): LoanEvent[] => [
    aLoanEvent({ eventType: 'ACCOUNT_OPENED', occurredAt: at('2024-05-02T09:00:00Z'), account, borrower, transaction: null }),
    aLoanEvent({ occurredAt: at('2024-05-10T12:30:00Z'), account, borrower }),
    aStatementClosedLoanEvent({ account, borrower }),
  ];
  const grant = (borrowerId: string, bureaus: ConsentEvent['bureaus']) =>
    aConsentEvent({ consentId: `CNS-${run}-${borrowerId}`, borrowerId, bureaus, effectiveAt: at('2024-01-01T00:00:00Z') });

  const ids = (n: number) => ({ borrowerId: `DEMO${run}${n}`, accountId: `ACC${run}${n}` });
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(ids);
  return [
    { label: 'consents to PBOC CRC and Baihang', accountId: a.accountId, consents: [grant(a.borrowerId, ['PBOC_CRC', 'BAIHANG'])], events: lifecycle(a.borrowerId, a.accountId) },
    {
      label: 'instalment loan, consents to Baihang only',
      accountId: b.accountId,
      consents: [grant(b.borrowerId, ['BAIHANG'])],
      events: lifecycle(b.borrowerId, b.accountId, anInstalmentAccount({ accountId: b.accountId })),
    },
    {
      label: 'US borrower, consents to Metro 2',
      accountId: c.accountId,
      consents: [grant(c.borrowerId, ['METRO2'])],
      events: lifecycle(c.borrowerId, c.accountId, aRevolvingAccount({ accountId: c.accountId, currency: 'USD' }), aUsBorrower({ borrowerId: c.borrowerId })),
    },
    { label: 'no consent', accountId: d.accountId, consents: [], events: lifecycle(d.borrowerId, d.accountId) },
    {
      label: 'consent withdrawn before the events',
      accountId: e.accountId,
      consents: [
        grant(e.borrowerId, ['PBOC_CRC', 'BAIHANG', 'METRO2']),
        aConsentEvent({ consentId: `CNS-${run}-${e.borrowerId}-W`, borrowerId: e.borrowerId, action: 'WITHDRAWN', bureaus: ['PBOC_CRC', 'BAIHANG', 'METRO2'], effectiveAt: at('2024-03-01T00:00:00Z'), expiresAt: null }),
      ],
      events: lifecycle(e.borrowerId, e.accountId),
    },
  ];
}

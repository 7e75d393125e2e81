import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { toLocalDate, type Account, type Borrower, type ConsentEvent, type LoanEvent } from '@furnish/shared-contracts';
import {
  aBorrower,
  aConsentEvent,
  aLoanEvent,
  anInstalmentAccount,
  aRevolvingAccount,
  aStatement,
  aStatementClosedLoanEvent,
  aUsBorrower,
} from '@furnish/shared-contracts/testing';

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
  /** Opening, (for a line) a drawdown, and the month-end statement, each with a consistent snapshot. */
  const lifecycle = (account: Account, borrower: Borrower): LoanEvent[] => {
    const openedAt = new Date(`${account.openedOn}T09:00:00Z`);
    const fresh = { ...account, balance: account.principal ?? new Big(0), highestBalance: null, lastPaymentDate: null, lastPaymentAmount: null };
    const events = [aLoanEvent({ eventType: 'ACCOUNT_OPENED', occurredAt: openedAt, account: fresh, borrower, transaction: null })];
    if (account.productType === 'REVOLVING_LINE') {
      events.push(aLoanEvent({ occurredAt: new Date(openedAt.getTime() + 8 * 86_400_000), account: { ...fresh, balance: new Big('3268.40') }, borrower }));
    }
    const instalment = account.productType === 'INSTALMENT_LOAN' ? { instalmentNumber: 4 } : {};
    events.push(aStatementClosedLoanEvent({ account, borrower, statement: aStatement(instalment) }));
    return events;
  };
  const grant = (borrowerId: string, bureaus: ConsentEvent['bureaus']) =>
    aConsentEvent({ consentId: `CNS-${run}-${borrowerId}`, borrowerId, bureaus, effectiveAt: at('2024-01-01T00:00:00Z') });

  const ids = (n: number) => ({ borrowerId: `DEMO${run}${n}`, accountId: `ACC${run}${n}` });
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(ids);
  return [
    {
      label: 'consents to PBOC CRC and Baihang',
      accountId: a.accountId,
      consents: [grant(a.borrowerId, ['PBOC_CRC', 'BAIHANG'])],
      events: lifecycle(aRevolvingAccount({ accountId: a.accountId, openedOn: toLocalDate('2024-05-02') }), aBorrower({ borrowerId: a.borrowerId })),
    },
    {
      label: 'instalment loan, consents to Baihang only',
      accountId: b.accountId,
      consents: [grant(b.borrowerId, ['BAIHANG'])],
      events: lifecycle(anInstalmentAccount({ accountId: b.accountId }), aBorrower({ borrowerId: b.borrowerId })),
    },
    {
      label: 'US borrower, consents to Metro 2',
      accountId: c.accountId,
      consents: [grant(c.borrowerId, ['METRO2'])],
      events: lifecycle(
        aRevolvingAccount({ accountId: c.accountId, currency: 'USD', openedOn: toLocalDate('2024-05-02') }),
        aUsBorrower({ borrowerId: c.borrowerId }),
      ),
    },
    {
      label: 'no consent',
      accountId: d.accountId,
      consents: [],
      events: lifecycle(aRevolvingAccount({ accountId: d.accountId, openedOn: toLocalDate('2024-05-02') }), aBorrower({ borrowerId: d.borrowerId })),
    },
    {
      label: 'consent withdrawn before the events',
      accountId: e.accountId,
      consents: [
        grant(e.borrowerId, ['PBOC_CRC', 'BAIHANG', 'METRO2']),
        aConsentEvent({ consentId: `CNS-${run}-${e.borrowerId}-W`, borrowerId: e.borrowerId, action: 'WITHDRAWN', bureaus: ['PBOC_CRC', 'BAIHANG', 'METRO2'], effectiveAt: at('2024-03-01T00:00:00Z'), expiresAt: null }),
      ],
      events: lifecycle(aRevolvingAccount({ accountId: e.accountId, openedOn: toLocalDate('2024-05-02') }), aBorrower({ borrowerId: e.borrowerId })),
    },
  ];
}

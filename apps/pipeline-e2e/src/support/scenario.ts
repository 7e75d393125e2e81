import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ConsentEvent, LoanEvent } from '@furnish/shared-contracts';
import { aConsentEvent, aLoanEvent, aStatement } from '@furnish/shared-contracts/testing';
import type { Overrides } from '@furnish/shared-contracts/testing';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish';
export const TEST_DATABASE_NAME = new URL(TEST_DATABASE_URL).pathname.slice(1);

/** A borrower and account no other test run uses, so assertions only see this test's records. */
export function aFreshBorrower(): { borrowerId: string; accountId: string } {
  const id = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  return { borrowerId: `E2E${id}`, accountId: `ACC${id}` };
}

export function consentFor(borrowerId: string, overrides: Overrides<ConsentEvent> = {}): ConsentEvent {
  return aConsentEvent({ consentId: `CNS-${randomUUID()}`, borrowerId, ...overrides });
}

/**
 * A loan event of the test's own account: by default a revolving line's limit change (with a
 * purchase's consumption details attached, which no bureau may receive). Baihang receives and
 * reports it; the PBOC CRC and Metro 2 policies do not send it (MinimisationPolicy.events), so a
 * test of another bureau's records names the event type it needs.
 */
export function loanEventFor(ids: { borrowerId: string; accountId: string }, overrides: Overrides<LoanEvent> = {}): LoanEvent {
  return aLoanEvent({ eventId: randomUUID(), eventType: 'CREDIT_LIMIT_CHANGED', ...overrides, account: { accountId: ids.accountId, ...overrides.account }, borrower: { borrowerId: ids.borrowerId, ...overrides.borrower } });
}

/**
 * What makes a loan event one every bureau receives (a month-end statement): the filter puts it on the
 * consented topic once per consented bureau, where tests of the consent rule observe its releases.
 */
export const RECEIVED_BY_EVERY_BUREAU = { eventType: 'STATEMENT_CLOSED', transaction: null, statement: aStatement() } as const satisfies Overrides<LoanEvent>;

/** Polls the ledger until the consent event (any version, or the one given) is recorded. */
export async function waitUntilInLedger(consentId: string, { version, timeoutMs = 30_000 }: { version?: number; timeoutMs?: number } = {}): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rowCount } = await client.query('SELECT 1 FROM consent_event WHERE consent_id = $1 AND ($2::int IS NULL OR version = $2)', [consentId, version ?? null]);
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`consent ${consentId}${version === undefined ? '' : ` version ${version}`} did not reach the ledger within ${timeoutMs} ms`);
  } finally {
    await client.end();
  }
}

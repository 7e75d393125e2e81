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
  aTransaction,
  aUsBorrower,
} from '@furnish/shared-contracts/testing';

/**
 * The bench's lender month (May 2024): a seeded mix of account kinds, each with the events such an
 * account has in a month, every snapshot consistent so the records pass their bureau's rules (as
 * the demo's). Shape is a function of the seed only; ids carry a per-phase prefix, so phases with
 * the same seed and size produce the same number of consented, minimised and outbound records.
 */
export interface BenchDataset {
  readonly consents: readonly ConsentEvent[];
  /** In publication order: by occurredAt across accounts, each account's events in order. */
  readonly events: readonly LoanEvent[];
  readonly borrowers: number;
  /** Borrowers with a grant (all of theirs bureaus: PBOC CRC + Baihang, or Metro 2 for US borrowers). */
  readonly consenting: number;
}

export interface BenchDatasetOptions {
  /** Prefix of every id of this dataset, unique per run and phase (letters and digits). */
  readonly prefix: string;
  readonly events: number;
  readonly seed: number;
  /** Share of borrowers who granted consent; the others have none (their events are withheld). */
  readonly consentShare: number;
  /**
   * Publication order: 'occurred' (by event time, so month-end statements come last, as a lender
   * would publish a month) or 'interleaved' (accounts' events randomly interleaved, each account's
   * in order, so every kind of event is spread evenly over a paced run).
   */
  readonly order?: 'occurred' | 'interleaved';
}

/** Account kinds, with their share of accounts and the events each has in the month. */
const KINDS = [
  { kind: 'revolving', share: 0.45 },
  { kind: 'instalment', share: 0.25 },
  { kind: 'new-revolving', share: 0.1 },
  { kind: 'us-revolving', share: 0.2 },
] as const;
type Kind = (typeof KINDS)[number]['kind'];

const MAY = Date.UTC(2024, 4, 1);
const DAY = 86_400_000;
const STATEMENT_CLOSED_AT = new Date('2024-05-31T16:05:00.000Z');
const GRANT_EFFECTIVE_AT = new Date('2024-01-01T00:00:00.000Z');

export function benchDataset(options: BenchDatasetOptions): BenchDataset {
  const random = mulberry32(options.seed);
  const consents: ConsentEvent[] = [];
  let borrowers = 0;
  let consenting = 0;
  const accounts: LoanEvent[][] = [];
  let total = 0;
  while (total < options.events) {
    const n = borrowers++;
    const borrowerId = `${options.prefix}B${n}`;
    const accountId = `${options.prefix}A${n}`;
    const kind = pickKind(random());
    const us = kind === 'us-revolving';
    if (random() < options.consentShare) {
      consenting++;
      consents.push(
        aConsentEvent({
          consentId: `${options.prefix}C${n}`,
          borrowerId,
          bureaus: us ? ['METRO2'] : ['PBOC_CRC', 'BAIHANG'],
          effectiveAt: GRANT_EFFECTIVE_AT,
          recordedAt: GRANT_EFFECTIVE_AT,
        }),
      );
    }
    const month = accountMonth(kind, borrowerId, accountId, random).slice(0, options.events - total);
    accounts.push(month);
    total += month.length;
  }
  return { consents, events: options.order === 'interleaved' ? interleaved(accounts, random) : byOccurredAt(accounts), borrowers, consenting };
}

/** Stable by event time: each account's events are generated in time order and stay so. */
function byOccurredAt(accounts: readonly LoanEvent[][]): LoanEvent[] {
  return accounts
    .flat()
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime() || a.i - b.i)
    .map((o) => o.event);
}

/** A random shuffle of event slots, each slot then filled with its account's next event. */
function interleaved(accounts: readonly LoanEvent[][], random: () => number): LoanEvent[] {
  const slots = accounts.flatMap((events, account) => events.map(() => account));
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const next = accounts.map(() => 0);
  return slots.map((account) => accounts[account][next[account]++]);
}

/** Grants for `count` fresh borrowers (the same bureau mix as benchDataset), for the ledger alone. */
export function benchConsents(prefix: string, count: number, seed: number): ConsentEvent[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, n) =>
    aConsentEvent({
      consentId: `${prefix}C${n}`,
      borrowerId: `${prefix}B${n}`,
      bureaus: pickKind(random()) === 'us-revolving' ? ['METRO2'] : ['PBOC_CRC', 'BAIHANG'],
      effectiveAt: GRANT_EFFECTIVE_AT,
      recordedAt: GRANT_EFFECTIVE_AT,
    }),
  );
}

function pickKind(r: number): Kind {
  let acc = 0;
  for (const { kind, share } of KINDS) {
    acc += share;
    if (r < acc) return kind;
  }
  return KINDS[0].kind;
}

function accountMonth(kind: Kind, borrowerId: string, accountId: string, random: () => number): LoanEvent[] {
  const during = (fromDay: number, toDay: number) => new Date(MAY + (fromDay + random() * (toDay - fromDay)) * DAY);
  switch (kind) {
    case 'revolving': {
      const borrower = aBorrower({ borrowerId });
      const account = aRevolvingAccount({ accountId });
      return [
        drawdown(randomUUID(), during(0, 8), account, borrower),
        repayment(randomUUID(), new Date('2024-05-09T03:12:00.000Z'), account, borrower, account.lastPaymentAmount!),
        drawdown(randomUUID(), during(9, 19), account, borrower),
        drawdown(randomUUID(), during(19, 30), account, borrower),
        statementClosed(randomUUID(), account, borrower, aStatement()),
      ];
    }
    case 'instalment': {
      const borrower = aBorrower({ borrowerId });
      const account = anInstalmentAccount({ accountId });
      return [
        repayment(randomUUID(), new Date('2024-05-20T02:00:00.000Z'), account, borrower, account.instalmentAmount!),
        statementClosed(randomUUID(), account, borrower, aStatement({ instalmentNumber: 4 })),
      ];
    }
    case 'new-revolving': {
      // As the demo's lifecycle: opened this month with a fresh snapshot, one drawdown, the statement.
      const borrower = aBorrower({ borrowerId });
      const account = aRevolvingAccount({ accountId, openedOn: toLocalDate('2024-05-02') });
      const openedAt = new Date('2024-05-02T09:00:00.000Z');
      const fresh: Account = { ...account, balance: new Big(0), highestBalance: null, lastPaymentDate: null, lastPaymentAmount: null };
      return [
        aLoanEvent({ eventId: randomUUID(), eventType: 'ACCOUNT_OPENED', occurredAt: openedAt, account: fresh, borrower, transaction: null }),
        drawdown(randomUUID(), new Date(openedAt.getTime() + 8 * DAY), { ...fresh, balance: new Big('3268.40') }, borrower),
        statementClosed(randomUUID(), account, borrower, aStatement()),
      ];
    }
    case 'us-revolving': {
      const borrower = aUsBorrower({ borrowerId });
      const account = aRevolvingAccount({
        accountId,
        currency: 'USD',
        creditLimit: new Big('5000.00'),
        balance: new Big('1268.40'),
        highestBalance: new Big('3650.00'),
      });
      return [
        drawdown(randomUUID(), during(0, 8), account, borrower),
        repayment(randomUUID(), new Date('2024-05-09T15:12:00.000Z'), account, borrower, account.lastPaymentAmount!),
        drawdown(randomUUID(), during(10, 30), account, borrower),
        statementClosed(randomUUID(), account, borrower, aStatement()),
      ];
    }
  }
}

const drawdown = (eventId: string, occurredAt: Date, account: Account, borrower: Borrower): LoanEvent =>
  aLoanEvent({ eventId, eventType: 'DRAWDOWN', occurredAt, account, borrower });

const repayment = (eventId: string, occurredAt: Date, account: Account, borrower: Borrower, amount: Big): LoanEvent =>
  aLoanEvent({
    eventId,
    eventType: 'REPAYMENT',
    occurredAt,
    account,
    borrower,
    transaction: aTransaction({ amount, merchantName: null, merchantCategory: null, purchasedItems: [], geoLocation: null }),
  });

const statementClosed = (eventId: string, account: Account, borrower: Borrower, statement: LoanEvent['statement']): LoanEvent =>
  aLoanEvent({ eventId, eventType: 'STATEMENT_CLOSED', occurredAt: STATEMENT_CLOSED_AT, account, borrower, transaction: null, statement });

/** Small, fast, seedable PRNG (public domain); good enough to pick shapes. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

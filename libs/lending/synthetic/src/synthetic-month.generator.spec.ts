import { createHash } from 'node:crypto';
import { evaluateConsent, type ConsentFact } from '@furnish/consent-domain';
import {
  BUREAUS,
  LOAN_EVENT_TYPE_SYMBOLS,
  bureauOfCode,
  localDateFromDate,
  type LoanEvent,
  type PaymentStanding,
} from '@furnish/shared-contracts';
import { CONSENT_PATTERNS } from './consent/consent-pattern';
import { INSTALMENT_STORIES, REVOLVING_STORIES } from './lending/account-story';
import { toJsonLine } from './output/json-lines.writer';
import { syntheticRecords } from './output/synthetic-records';
import { generateSyntheticMonth, type SyntheticMonth } from './synthetic-month.generator';

const month = generateSyntheticMonth({ borrowers: 2000, seed: 'generator-spec', month: '2026-10' });
const digest = (m: SyntheticMonth): string => createHash('sha256').update([...syntheticRecords(m)].map(toJsonLine).join('\n')).digest('hex');
const byAccount = (events: readonly LoanEvent[]): Map<string, LoanEvent[]> => {
  const accounts = new Map<string, LoanEvent[]>();
  for (const event of events) accounts.set(event.account.accountId, [...(accounts.get(event.account.accountId) ?? []), event]);
  return accounts;
};

describe('generateSyntheticMonth: determinism', () => {
  it('gives byte-identical output for the same seed, borrowers and month, and other output for another seed', () => {
    const again = (seed: string) => digest(generateSyntheticMonth({ borrowers: 150, seed, month: '2026-10' }));
    expect(again('same')).toBe(again('same'));
    expect(again('same')).not.toBe(again('other'));
  });

  it('generates each borrower from the seed, month and position only: a smaller run is a prefix of a larger one', () => {
    const small = generateSyntheticMonth({ borrowers: 40, seed: 'prefix', month: '2026-10' });
    const large = generateSyntheticMonth({ borrowers: 120, seed: 'prefix', month: '2026-10' });
    const ids = new Set(small.borrowers.map((b) => b.borrowerId));
    const mine = (m: SyntheticMonth) => digest({ ...m, consentEvents: m.consentEvents.filter((e) => ids.has(e.borrowerId)), loanEvents: m.loanEvents.filter((e) => ids.has(e.borrower.borrowerId)) });
    expect(mine(large)).toBe(mine(small));
  });

  it('refuses a bad month or borrower count', () => {
    expect(() => generateSyntheticMonth({ borrowers: 1, seed: 1, month: '2026-13' })).toThrow(RangeError);
    expect(() => generateSyntheticMonth({ borrowers: -1, seed: 1, month: '2026-10' })).toThrow(RangeError);
    expect(generateSyntheticMonth({ borrowers: 0, seed: 1, month: '2026-10' }).loanEvents).toEqual([]);
  });
});

describe('generateSyntheticMonth: the mix', () => {
  const { summary } = month;

  it('has about 60% consenting borrowers with every consent pattern, and about 15% US borrowers', () => {
    expect(1 - summary.borrowersByConsentPattern.none / summary.borrowers).toBeCloseTo(0.6, 1);
    expect(summary.borrowersByCountry.US / summary.borrowers).toBeCloseTo(0.15, 1);
    for (const pattern of CONSENT_PATTERNS) expect(summary.borrowersByConsentPattern[pattern]).toBeGreaterThan(0);
    expect(summary.consentEventsByAction.WITHDRAWN).toBeGreaterThan(0);
    expect(month.consentEvents.some((e) => e.expiresAt !== null)).toBe(true);
    expect(month.consentEvents.some((e) => e.version > 1)).toBe(true);
  });

  it('covers both products, every story and every event type', () => {
    for (const story of REVOLVING_STORIES) expect(summary.accountsByStory[`REVOLVING_LINE/${story}`]).toBeGreaterThan(0);
    for (const story of INSTALMENT_STORIES) expect(summary.accountsByStory[`INSTALMENT_LOAN/${story}`]).toBeGreaterThan(0);
    for (const type of LOAN_EVENT_TYPE_SYMBOLS) expect(summary.loanEventsByType[type]).toBeGreaterThan(0);
    expect(summary.loanEvents).toBe(month.loanEvents.length);
  });

  it('gives drawdowns merchant, items, channel, device and location, as the lender holds them', () => {
    const purchases = month.loanEvents.filter((e) => e.eventType === 'DRAWDOWN' && e.transaction?.merchantName);
    expect(purchases.length).toBeGreaterThan(100);
    for (const { transaction } of purchases) {
      expect(transaction!.purchasedItems.length).toBeGreaterThan(0);
      const total = transaction!.purchasedItems.reduce((sum, item) => sum + Math.round(Number(item.unitPrice) * 100) * item.quantity, 0);
      expect(Math.round(Number(transaction!.amount) * 100)).toBe(total);
    }
    expect(purchases.some((e) => e.transaction!.geoLocation !== null && e.transaction!.deviceId !== null)).toBe(true);
  });
});

describe('generateSyntheticMonth: ids, keys and times', () => {
  it('uses unique UUID event ids and ids carrying the run tag, with account numbers that cannot hold an SSN', () => {
    const ids = month.loanEvents.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
    const accounts = [...new Set(month.loanEvents.map((e) => e.account.accountId))];
    expect(accounts.filter((id) => !id.includes(month.idTag) || /\d{9}/.test(id))).toEqual([]);
  });

  it('places every event in the month, on the same calendar day in UTC and in the borrower\'s zone, in order per account', () => {
    const calendarDay = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const zones = { CNY: calendarDay('Asia/Shanghai'), USD: calendarDay('America/New_York') } as Record<string, Intl.DateTimeFormat>;
    const elsewhere = month.loanEvents.filter((e) => {
      const utc = e.occurredAt.toISOString().slice(0, 10);
      return !utc.startsWith('2026-10') || zones[e.account.currency].format(e.occurredAt) !== utc;
    });
    expect(elsewhere).toEqual([]);
    for (const events of byAccount(month.loanEvents).values()) {
      events.slice(1).forEach((e, i) => expect(e.occurredAt.getTime()).toBeGreaterThan(events[i].occurredAt.getTime()));
    }
    const times = month.loanEvents.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

const BAND: Readonly<Record<PaymentStanding, number>> = {
  ZERO_BALANCE: 0,
  CURRENT: 0,
  PAST_DUE_30: 1,
  PAST_DUE_60: 2,
  PAST_DUE_90: 3,
  PAST_DUE_120: 4,
  PAST_DUE_150: 5,
  PAST_DUE_180_PLUS: 6,
  COLLECTION: 6,
  CHARGED_OFF: 6,
  NO_DATA: 0,
};

/** What is wrong with one account's events, read as the schema docs describe the fields. */
function problemsOf(events: readonly LoanEvent[]): string[] {
  const problems: string[] = [];
  const problem = (event: LoanEvent, text: string) => problems.push(`${event.account.accountId} ${event.eventType}: ${text}`);
  const cents = (value: { toString(): string } | null | undefined) => (value == null ? 0 : Math.round(Number(value) * 100));
  events.forEach((event, i) => {
    const a = event.account;
    const day = event.occurredAt.toISOString().slice(0, 10);
    const previous = events[i - 1]?.account;
    const [balance, pastDue, principalPastDue] = [cents(a.balance), cents(a.amountPastDue), cents(a.principalPastDue)];
    if (a.status === 'CURRENT' && (pastDue !== 0 || a.daysPastDue !== 0 || a.periodsPastDue !== 0 || a.dateOfFirstDelinquency !== null)) problem(event, 'current with arrears');
    if (a.status === 'DELINQUENT' && !(pastDue > 0 && a.daysPastDue > a.gracePeriodDays && a.periodsPastDue > 0)) problem(event, 'delinquent without arrears');
    if (a.status === 'CLOSED' && (balance !== 0 || a.closedOn === null || a.closedOn > day)) problem(event, 'closed with a balance or no closing date');
    if (a.status === 'CHARGED_OFF' && (cents(a.chargedOffAmount) <= 0 || pastDue !== balance || a.dateOfFirstDelinquency === null)) problem(event, 'charge-off figures');
    if (!(principalPastDue <= pastDue && pastDue <= Math.max(balance, 0) && balance >= 0)) problem(event, 'principal past due ≤ past due ≤ balance');
    if (a.daysPastDue >= 30 && a.dateOfFirstDelinquency === null) problem(event, '30+ days past due without a date of first delinquency');
    if (a.dateOfFirstDelinquency !== null && a.dateOfFirstDelinquency > day) problem(event, 'first delinquency in the future');
    if (a.lastPaymentDate !== null && a.lastPaymentDate > day) problem(event, 'last payment in the future');
    if (a.openedOn > day || (a.maturityDate !== null && a.maturityDate <= a.openedOn)) problem(event, 'opening or maturity date');
    if (a.productType === 'REVOLVING_LINE' && cents(a.highestBalance) < balance) problem(event, 'balance above the highest balance');
    if ((event.transaction !== null) !== (event.eventType === 'DRAWDOWN' || event.eventType === 'REPAYMENT')) problem(event, 'transaction only with drawdowns and repayments');
    if ((event.statement !== null) !== (event.eventType === 'STATEMENT_CLOSED')) problem(event, 'statement only when one closes');
    switch (event.eventType) {
      case 'ACCOUNT_OPENED':
        if (i !== 0 || a.openedOn !== day || balance !== (a.productType === 'INSTALMENT_LOAN' ? cents(a.principal) : 0)) problem(event, 'opening');
        break;
      case 'DRAWDOWN':
        if (previous && balance !== cents(previous.balance) + cents(event.transaction!.amount)) problem(event, 'balance does not rise by the drawdown');
        break;
      case 'REPAYMENT':
        if (a.lastPaymentDate !== day || cents(a.lastPaymentAmount) !== cents(event.transaction!.amount)) problem(event, 'last payment is not this one');
        if (previous && a.productType === 'REVOLVING_LINE' && balance !== cents(previous.balance) - cents(event.transaction!.amount)) problem(event, 'balance does not fall by the repayment');
        break;
      case 'ACCOUNT_CLOSED':
        if (i !== events.length - 1 || a.closedOn !== day) problem(event, 'closure is not the last event, on its day');
        break;
      case 'CHARGED_OFF':
        if (a.daysPastDue < 180 || cents(a.chargedOffAmount) !== balance) problem(event, 'charged off before 180 days or for another amount');
        break;
      case 'STATEMENT_CLOSED': {
        const s = event.statement!;
        const inPeriod = (e: LoanEvent) => localDateFromDate(e.occurredAt) >= s.periodStart && localDateFromDate(e.occurredAt) <= s.periodEnd;
        const sum = (type: string) => events.filter((e) => e.eventType === type && inPeriod(e)).reduce((total, e) => total + cents(e.transaction!.amount), 0);
        if (s.periodEnd !== day || s.periodStart > s.periodEnd || s.dueDate < s.periodEnd) problem(event, 'statement dates');
        if (s.paymentHistory.length > 24) problem(event, 'more than 24 months of history');
        // Days past due grow by at most 31 from one month end to the next.
        s.paymentHistory.slice(0, -1).forEach((recent, m) => {
          if (30 * BAND[recent] > 30 * BAND[s.paymentHistory[m + 1]] + 29 + 31) problem(event, `history jumps from ${s.paymentHistory[m + 1]} to ${recent}`);
        });
        if (s.periodStart >= '2026-10-01' && cents(s.amountPaidInMonth) !== sum('REPAYMENT')) problem(event, 'paid in month differs from the repayments');
        if (a.productType === 'REVOLVING_LINE') {
          if (cents(s.amountBorrowedInMonth) !== sum('DRAWDOWN')) problem(event, 'borrowed in month differs from the drawdowns');
          if (cents(s.totalDue) !== balance || cents(s.minimumDue) > cents(s.totalDue)) problem(event, 'revolving amounts due');
        } else if (s.instalmentNumber === null || s.dueDate !== a.scheduledDueDates[s.instalmentNumber - 1]) problem(event, 'instalment number and due date');
        break;
      }
      case 'CREDIT_LIMIT_CHANGED':
        if (previous && cents(a.creditLimit) <= cents(previous.creditLimit)) problem(event, 'limit not raised');
        break;
    }
  });
  return problems;
}

describe('generateSyntheticMonth: each account tells one consistent story', () => {
  it('keeps balances, arrears, status, dates, transactions and statements consistent across every account\'s events', () => {
    const problems = [...byAccount(month.loanEvents).values()].flatMap(problemsOf);
    expect(problems).toEqual([]);
  });

  it('shows delinquency in the statements\' payment history: a 60+ day account has 30+ day months behind it', () => {
    const statements = month.loanEvents.filter((e) => e.eventType === 'STATEMENT_CLOSED' && e.account.daysPastDue >= 60 && e.account.status === 'DELINQUENT');
    expect(statements.length).toBeGreaterThan(20);
    for (const event of statements) expect(event.statement!.paymentHistory.slice(0, 2)).toContainEqual(expect.stringMatching(/^PAST_DUE/));
  });

  it('keeps one identity per borrower id', () => {
    const identities = new Map<string, string>();
    for (const { borrower } of month.loanEvents) {
      const identity = `${borrower.fullName}|${borrower.idNumber}|${borrower.phone}|${borrower.dateOfBirth}`;
      expect(identities.get(borrower.borrowerId) ?? identity).toBe(identity);
      identities.set(borrower.borrowerId, identity);
    }
  });
});

describe('generateSyntheticMonth: expected consent decisions', () => {
  it('agree with the consent rule for every (event, bureau), consent events known first', () => {
    const facts = new Map<string, ConsentFact[]>();
    for (const c of month.consentEvents) {
      const fact: ConsentFact = { consentId: c.consentId, version: c.version, action: c.action, bureaus: c.bureaus.map(bureauOfCode), effectiveAt: c.effectiveAt, expiresAt: c.expiresAt };
      facts.set(c.borrowerId, [...(facts.get(c.borrowerId) ?? []), fact]);
    }
    const mismatches: string[] = [];
    for (const event of month.loanEvents) {
      for (const bureau of BUREAUS) {
        const actual = evaluateConsent(facts.get(event.borrower.borrowerId) ?? [], bureau, event.occurredAt);
        const expected = month.expectedDecisions.get(event.eventId)![bureau];
        const same = actual.release && expected.released ? actual.consent.consentId === expected.consent.consentId && actual.consent.version === expected.consent.version : !actual.release && !expected.released && actual.reason === expected.reason;
        if (!same) mismatches.push(`${event.eventId} ${bureau}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(month.summary.expectedDecisions['pboc-crc'].withheld.NOT_YET_EFFECTIVE).toBeGreaterThan(0);
    expect(month.summary.expectedDecisions.metro2.released).toBeGreaterThan(0);
  });
});

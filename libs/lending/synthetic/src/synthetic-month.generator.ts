import type { Bureau, ConsentEvent, LoanEvent, ProductType } from '@furnish/shared-contracts';
import { MILLIS_PER_DAY, instantOf, parseMonth, type CalendarMonth } from './calendar/calendar';
import type { ConsentPattern, ExpectedDecision } from './consent/consent-pattern';
import { planConsent } from './consent/consent-plan.factory';
import type { AccountMonth, AccountSetup } from './lending/account-month';
import type { AccountStory } from './lending/account-story';
import { secondsOfDay } from './lending/event-times';
import { simulateInstalmentMonth } from './lending/instalment-month.simulator';
import { MARKETS } from './lending/lending-parameters';
import { simulateRevolvingMonth } from './lending/revolving-month.simulator';
import { aDeviceId, type TransactionContext } from './lending/transaction.factory';
import { aChineseBorrower, aUsBorrower, type Country } from './people/borrower.factory';
import { SeededRandom, cyrb128 } from './random/seeded-random';
import { summarise, type SyntheticSummary } from './synthetic-month.summary';
import { resolveProfile, type SyntheticProfile, type SyntheticProfileOverrides } from './synthetic-profile';

export interface SyntheticMonthOptions {
  /** Number of borrowers, 0 to 10,000,000. */
  readonly borrowers: number;
  /** Any text or number; the same seed, borrowers and month give the same events, byte for byte. */
  readonly seed: string | number;
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly profile?: SyntheticProfileOverrides;
}

export interface SyntheticAccount {
  readonly accountId: string;
  readonly productType: ProductType;
  readonly story: AccountStory;
}

export interface SyntheticBorrower {
  readonly borrowerId: string;
  readonly country: Country;
  readonly consentPattern: ConsentPattern;
  readonly accounts: readonly SyntheticAccount[];
}

/** A month of a fictitious lender's book, ready to publish. */
export interface SyntheticMonth {
  readonly seed: string;
  readonly month: string;
  /** The six letters every id of this seed and month carries, e.g. `RLQKZTAB0000042`. */
  readonly idTag: string;
  readonly borrowers: readonly SyntheticBorrower[];
  /** Publish these first: in recorded order (a borrower's consent versions stay in order). */
  readonly consentEvents: readonly ConsentEvent[];
  /** In occurrence order (each account's events in its own order). */
  readonly loanEvents: readonly LoanEvent[];
  /** Per loan event id, what the consent filter should decide for each bureau. */
  readonly expectedDecisions: ReadonlyMap<string, Readonly<Record<Bureau, ExpectedDecision>>>;
  readonly summary: SyntheticSummary;
}

const MAX_BORROWERS = 10_000_000;
const NAMESPACE = 'furnish-synthetic-lender';

/** Generates a month of loan and consent events for `borrowers` borrowers, deterministically. */
export function generateSyntheticMonth(options: SyntheticMonthOptions): SyntheticMonth {
  if (!Number.isInteger(options.borrowers) || options.borrowers < 0 || options.borrowers > MAX_BORROWERS) {
    throw new RangeError(`borrowers must be a whole number from 0 to ${MAX_BORROWERS}, got ${options.borrowers}`);
  }
  const month = parseMonth(options.month);
  const seed = String(options.seed);
  const profile = resolveProfile(options.profile);
  const idTag = idTagOf(seed, month);
  const borrowers: SyntheticBorrower[] = [];
  const consentEvents: ConsentEvent[] = [];
  const loanEvents: LoanEvent[] = [];
  const expectedDecisions = new Map<string, Readonly<Record<Bureau, ExpectedDecision>>>();
  for (let index = 0; index < options.borrowers; index++) {
    const generated = generateBorrower({ seed, month, profile, idTag, index });
    borrowers.push(generated.borrower);
    consentEvents.push(...generated.consentEvents);
    for (const { event, decisions } of generated.loanEvents) {
      loanEvents.push(event);
      expectedDecisions.set(event.eventId, decisions);
    }
  }
  // Stable sorts: ties keep borrower order, and each account's events are already in time order.
  consentEvents.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  loanEvents.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return { seed, month: month.label, idTag, borrowers, consentEvents, loanEvents, expectedDecisions, summary: summarise(borrowers, consentEvents, loanEvents, expectedDecisions) };
}

interface BorrowerInput {
  readonly seed: string;
  readonly month: CalendarMonth;
  readonly profile: SyntheticProfile;
  readonly idTag: string;
  readonly index: number;
}

interface GeneratedBorrower {
  readonly borrower: SyntheticBorrower;
  readonly consentEvents: readonly ConsentEvent[];
  readonly loanEvents: readonly { readonly event: LoanEvent; readonly decisions: Readonly<Record<Bureau, ExpectedDecision>> }[];
}

/**
 * One borrower, from independent random streams (person, each product, consent), so that a
 * borrower depends only on the seed, the month and its position, and changing one knob leaves the
 * other streams alone.
 */
function generateBorrower({ seed, month, profile, idTag, index }: BorrowerInput): GeneratedBorrower {
  const stream = (name: string): SeededRandom => SeededRandom.of(NAMESPACE, seed, month.label, index, name);
  const random = stream('borrower');
  const sequence = String(index + 1).padStart(7, '0');
  const country: Country = random.chance(profile.usBorrowerShare) ? 'US' : 'CN';
  const market = MARKETS[country];
  const person = (country === 'CN' ? aChineseBorrower : aUsBorrower)(random, `B${idTag}${sequence}`, month.first);
  const context: TransactionContext = { country, home: person.home, deviceIds: random.chance(0.3) ? [aDeviceId(random), aDeviceId(random)] : [aDeviceId(random)] };
  const holding = random.weighted(profile.products);
  const pattern: ConsentPattern = random.chance(profile.consentShare) ? random.weighted(profile.consentPatterns) : 'none';

  const accounts: AccountMonth[] = [];
  const setup = (name: string, prefix: string): AccountSetup => ({ random: stream(name), month, market, accountId: `${prefix}${idTag}${sequence}`, context });
  if (holding !== 'instalment') {
    const revolving = setup('revolving', 'RL');
    accounts.push(simulateRevolvingMonth(revolving, revolving.random.weighted(profile.revolvingStories)));
  }
  if (holding !== 'revolving') {
    const instalment = setup('instalment', 'IL');
    accounts.push(simulateInstalmentMonth(instalment, instalment.random.weighted(profile.instalmentStories)));
  }

  const ids = stream('event-ids');
  const events: LoanEvent[] = [];
  for (const account of accounts) {
    const seconds = secondsOfDay(account.drafts, market.window, ids);
    account.drafts.forEach((draft, i) => {
      events.push({
        eventId: ids.uuid(),
        eventType: draft.eventType,
        occurredAt: instantOf(draft.day, seconds[i]),
        furnisher: profile.furnisher,
        account: draft.account,
        borrower: person.borrower,
        transaction: draft.transaction,
        statement: draft.statement,
        corrects: null,
      });
    });
  }
  const times = events.map((e) => e.occurredAt.getTime()).sort((a, b) => a - b);
  const applications = accounts.flatMap((a) => a.drafts.slice(0, 1).map((d) => d.account.appliedAt?.getTime() ?? month.first * MILLIS_PER_DAY));
  const consent = planConsent(stream('consent'), {
    pattern,
    country,
    borrowerId: person.borrower.borrowerId,
    idStem: `${idTag}${sequence}`,
    eventTimes: times,
    firstApplication: Math.min(...applications, times[0] ?? month.first * MILLIS_PER_DAY),
    monthStart: month.first * MILLIS_PER_DAY,
  });
  return {
    borrower: {
      borrowerId: person.borrower.borrowerId,
      country,
      consentPattern: pattern,
      accounts: accounts.map(({ accountId, productType, story }) => ({ accountId, productType, story })),
    },
    consentEvents: consent.events,
    loanEvents: events.map((event) => ({ event, decisions: consent.decide(event.occurredAt) })),
  };
}

/** Six capital letters from the seed and month: ids differ between seeds, and contain no long digit run (Metro 2 rejects account numbers holding an SSN). */
export function idTagOf(seed: string, month: CalendarMonth): string {
  const words = cyrb128(`${NAMESPACE}|${seed}|${month.label}`);
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (words[i % 4] >>> (i * 5)) % 26);
  return tag;
}

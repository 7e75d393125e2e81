import {
  BUREAUS,
  CONSENT_ACTION_SYMBOLS,
  LOAN_EVENT_TYPE_SYMBOLS,
  PRODUCT_TYPE_SYMBOLS,
  type Bureau,
  type ConsentAction,
  type ConsentEvent,
  type LoanEvent,
  type LoanEventType,
  type ProductType,
} from '@furnish/shared-contracts';
import { CONSENT_PATTERNS, WITHHOLD_REASONS, type ConsentPattern, type ExpectedDecision, type WithholdReason } from './consent/consent-pattern';
import type { Country } from './people/borrower.factory';
import type { SyntheticBorrower } from './synthetic-month.generator';

/** Counts of what a synthetic month contains, for the demo to print and the benchmark to check. */
export interface SyntheticSummary {
  readonly borrowers: number;
  readonly borrowersByCountry: Readonly<Record<Country, number>>;
  readonly borrowersByConsentPattern: Readonly<Record<ConsentPattern, number>>;
  readonly accountsByProduct: Readonly<Record<ProductType, number>>;
  /** `<product>/<story>` → accounts, e.g. `REVOLVING_LINE/charge-off`. */
  readonly accountsByStory: Readonly<Record<string, number>>;
  readonly loanEvents: number;
  readonly loanEventsByType: Readonly<Record<LoanEventType, number>>;
  readonly loanEventsByProduct: Readonly<Record<ProductType, number>>;
  readonly consentEvents: number;
  readonly consentEventsByAction: Readonly<Record<ConsentAction, number>>;
  /** Expected consent decisions over all (loan event, bureau) pairs. */
  readonly expectedDecisions: Readonly<Record<Bureau, { readonly released: number; readonly withheld: Readonly<Record<WithholdReason, number>> }>>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function summarise(
  borrowers: readonly SyntheticBorrower[],
  consentEvents: readonly ConsentEvent[],
  loanEvents: readonly LoanEvent[],
  expected: ReadonlyMap<string, Readonly<Record<Bureau, ExpectedDecision>>>,
): SyntheticSummary {
  const borrowersByCountry = zeros<Country>(['CN', 'US']);
  const borrowersByConsentPattern = zeros(CONSENT_PATTERNS);
  const accountsByProduct = zeros(PRODUCT_TYPE_SYMBOLS);
  const accountsByStory: Record<string, number> = {};
  for (const borrower of borrowers) {
    borrowersByCountry[borrower.country]++;
    borrowersByConsentPattern[borrower.consentPattern]++;
    for (const account of borrower.accounts) {
      accountsByProduct[account.productType]++;
      const key = `${account.productType}/${account.story}`;
      accountsByStory[key] = (accountsByStory[key] ?? 0) + 1;
    }
  }
  const loanEventsByType = zeros(LOAN_EVENT_TYPE_SYMBOLS);
  const loanEventsByProduct = zeros(PRODUCT_TYPE_SYMBOLS);
  for (const event of loanEvents) {
    loanEventsByType[event.eventType]++;
    loanEventsByProduct[event.account.productType]++;
  }
  const consentEventsByAction = zeros(CONSENT_ACTION_SYMBOLS);
  for (const event of consentEvents) consentEventsByAction[event.action]++;
  const decisions = Object.fromEntries(BUREAUS.map((b) => [b, { released: 0, withheld: zeros(WITHHOLD_REASONS) }])) as Record<Bureau, { released: number; withheld: Record<WithholdReason, number> }>;
  for (const perBureau of expected.values()) {
    for (const decision of Object.values(perBureau)) {
      if (decision.released) decisions[decision.bureau].released++;
      else decisions[decision.bureau].withheld[decision.reason]++;
    }
  }
  return {
    borrowers: borrowers.length,
    borrowersByCountry,
    borrowersByConsentPattern,
    accountsByProduct,
    accountsByStory: Object.fromEntries(Object.entries(accountsByStory).sort(([a], [b]) => a.localeCompare(b))),
    loanEvents: loanEvents.length,
    loanEventsByType,
    loanEventsByProduct,
    consentEvents: consentEvents.length,
    consentEventsByAction,
    expectedDecisions: decisions,
  };
}

/** The summary as a few aligned lines of text. */
export function formatSummary(summary: SyntheticSummary): string {
  const list = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const lines = [
    `borrowers        ${summary.borrowers} (${list(summary.borrowersByCountry)})`,
    `consent          ${list(summary.borrowersByConsentPattern)}`,
    `accounts         ${list(summary.accountsByProduct)}`,
    `stories          ${list(summary.accountsByStory)}`,
    `loan events      ${summary.loanEvents} (${list(summary.loanEventsByType)})`,
    `consent events   ${summary.consentEvents} (${list(summary.consentEventsByAction)})`,
    ...BUREAUS.map((b) => {
      const { released, withheld } = summary.expectedDecisions[b];
      const reasons = list(withheld);
      return `expected ${b.padEnd(8)} released ${released}${reasons ? `, withheld ${reasons}` : ''}`;
    }),
  ];
  return lines.join('\n');
}

import type { LoanPurpose } from '@furnish/shared-contracts';
import { addMonths, addMonthsToMonth, dayIn, instantOf, monthOfDay, monthOfIndex, toDate, type CalendarMonth } from '../calendar/calendar';
import type { SeededRandom } from '../random/seeded-random';
import type { AccountTerms } from './account-ledger';
import { RANK, Timeline, draftRecorder, type AccountEventDraft, type AccountMonth, type AccountSetup } from './account-month';
import { CHARGE_OFF_DAYS, type RevolvingStory } from './account-story';
import { roundCents, units, type Cents } from './money';
import { RevolvingLedger } from './revolving.ledger';
import { aDrawdown, aRepayment } from './transaction.factory';

type Payment = 'full' | 'minimum' | 'partial' | 'cure' | 'none';

/** Months of payment history simulated before the month; older accounts start from a seeded statement. */
const SIMULATED_MONTHS = 25;
const LINE_TERM_MONTHS = 36;
const LIMIT_CHANGE_SHARE = 0.05;
const PURPOSES: readonly LoanPurpose[] = ['DAILY_CONSUMPTION', 'DAILY_CONSUMPTION', 'SHOPPING', 'GENERAL_PURPOSE'];

/** Purchases in the month per story: [min, max]. */
const PURCHASES: Readonly<Record<RevolvingStory, readonly [number, number]>> = {
  new: [0, 4],
  transactor: [1, 6],
  revolver: [1, 5],
  dormant: [0, 0],
  'first-miss': [0, 2],
  delinquent: [0, 0],
  'partial-recovery': [0, 0],
  cure: [0, 2],
  closure: [0, 2],
  'charge-off': [0, 0],
};

/**
 * One month of a revolving line (Huabei-like): its past months are simulated coarsely to reach
 * the state the story needs (missed payments, balance, month-end history), then the month is
 * played out event by event.
 */
export function simulateRevolvingMonth(setup: AccountSetup, story: RevolvingStory): AccountMonth {
  const { random, month, market } = setup;
  const offset = market.revolving.policy.dueDaysAfterStatement;
  const missed = missedCycles(random, story, month, offset);
  const openedOnDay = story === 'new' ? random.int(month.first, month.last - 2) : openingDay(random, month, missed);
  const openingSecond = market.window.start + random.int(3600, 4 * 3600);
  const [minLimit, maxLimit, step] = market.revolving.limits;
  const limit = units(random.int(minLimit / step, maxLimit / step) * step);
  const terms: AccountTerms = {
    accountId: setup.accountId,
    productType: 'REVOLVING_LINE',
    currency: market.currency,
    openedOn: toDate(openedOnDay),
    maturityDate: toDate(lineExpiry(openedOnDay, month)),
    principal: null,
    instalmentCount: null,
    instalmentAmount: null,
    scheduledDueDates: [],
    repaymentMethod: 'REVOLVING',
    repaymentFrequency: 'MONTHLY',
    gracePeriodDays: market.graceDays,
    guaranteeType: 'UNSECURED',
    loanPurpose: random.pick(PURPOSES),
    appliedAt:
      story === 'new'
        ? instantOf(openedOnDay, openingSecond - random.int(300, 5400))
        : instantOf(openedOnDay - random.int(0, 2), market.window.start + random.int(0, market.window.end - market.window.start - 1)),
    applicationDistrictCode: market.applicationDistrictCode,
  };
  const ledger = new RevolvingLedger(terms, openedOnDay, limit, market.revolving.policy);
  if (story !== 'new') simulatePast(setup, ledger, story, missed, openedOnDay);
  return { accountId: setup.accountId, productType: 'REVOLVING_LINE', story, drafts: playMonth(setup, ledger, story, openedOnDay, openingSecond) };
}

/** Payment cycles missed before the month: a charge-off this month needs 180 days past due within it. */
function missedCycles(random: SeededRandom, story: RevolvingStory, month: CalendarMonth, offset: number): number {
  switch (story) {
    case 'delinquent':
    case 'partial-recovery':
    case 'cure':
      return random.int(1, 4);
    case 'charge-off':
      // The oldest missed due is `cycles` statements back; five to eight months cover any month length.
      for (let cycles = 5; cycles <= 8; cycles++) {
        const chargeOffDay = monthOfIndex(month.index - cycles - 1).last + offset + CHARGE_OFF_DAYS;
        if (chargeOffDay >= month.first && chargeOffDay < month.last) return cycles;
      }
      throw new Error(`no delinquency reaches ${CHARGE_OFF_DAYS} days within ${month.label}`);
    default:
      return 0;
  }
}

function openingDay(random: SeededRandom, month: CalendarMonth, missed: number): number {
  const minAge = missed + 2;
  return dayIn(addMonthsToMonth(month, -random.int(minAge, Math.max(minAge, 60))), random.int(1, 28));
}

/** Lines run for three years and are renewed: the end of the term under way after the month. */
function lineExpiry(openedOnDay: number, month: CalendarMonth): number {
  let terms = 1;
  while (addMonths(openedOnDay, LINE_TERM_MONTHS * terms) <= month.last) terms++;
  return addMonths(openedOnDay, LINE_TERM_MONTHS * terms);
}

function simulatePast(setup: AccountSetup, ledger: RevolvingLedger, story: RevolvingStory, missed: number, openedOnDay: number): void {
  const { random, month, market } = setup;
  const offset = market.revolving.policy.dueDaysAfterStatement;
  const openingMonth = monthOfDay(openedOnDay).index;
  let start = openingMonth;
  if (month.index - openingMonth > SIMULATED_MONTHS) {
    start = month.index - SIMULATED_MONTHS;
    const seededOn = monthOfIndex(start - 1).last;
    ledger.draw(seededOn, roundCents(ledger.limitAmount * (random.float() * 0.6 + 0.05)));
    ledger.closeCycle(seededOn);
  }
  const dormantMonths = story === 'dormant' ? random.int(2, 12) : 0;
  // A few accounts had an earlier slip: two missed payments (30 days late at a month end), then caught up.
  const blipAt = random.chance(0.08) ? random.int(missed + 3, missed + 20) : -1;
  const transacts = story === 'transactor' || story === 'closure' || story === 'dormant';
  for (let index = start; index < month.index; index++) {
    const calendar = monthOfIndex(index);
    const before = month.index - index;
    let payment: Payment = transacts ? (random.chance(0.85) ? 'full' : 'minimum') : random.pick(['minimum', 'partial'] as const);
    let draws = random.chance(0.85);
    if (before <= missed) [payment, draws] = ['none', false];
    else if (before <= dormantMonths) [payment, draws] = ['full', false];
    else if (before === missed + 1 && (missed > 0 || story === 'first-miss')) draws = true;
    else if (before === blipAt || before === blipAt - 1) [payment, draws] = ['none', false];
    else if (before === blipAt - 2) payment = 'cure';

    let paidOn = Math.max(calendar.first, openedOnDay);
    if (index !== openingMonth) {
      paidOn = random.int(calendar.first, Math.min(calendar.first - 1 + offset, calendar.last - 1));
      const amount = amountFor(random, ledger, payment);
      if (amount > 0) ledger.pay(paidOn, amount);
    }
    if (draws) {
      const drawnOn = random.int(Math.min(paidOn + 1, calendar.last - 1), calendar.last - 1);
      const amount = roundCents(ledger.availableCredit() * (random.float() * 0.5 + 0.1));
      if (ledger.canDraw(drawnOn, amount)) ledger.draw(drawnOn, amount);
    }
    ledger.closeCycle(calendar.last);
    ledger.recordMonthEnd(calendar.last);
  }
}

/** What a behaviour pays now (zero when nothing is owed). */
function amountFor(random: SeededRandom, ledger: RevolvingLedger, payment: Payment): Cents {
  const minimum = ledger.minimumOwed();
  const full = Math.max(minimum, ledger.statementRemaining());
  switch (payment) {
    case 'full':
      return full;
    case 'minimum':
    case 'cure':
      return minimum;
    case 'partial':
      return minimum + roundCents((full - minimum) * random.float());
    case 'none':
      return 0;
  }
}

/** A limit raised by 20-100 %, in the market's steps. */
function raisedLimit(random: SeededRandom, limit: Cents, step: number): Cents {
  return units(Math.ceil((limit * (1.2 + random.float() * 0.8)) / 100 / step) * step);
}

function playMonth(setup: AccountSetup, ledger: RevolvingLedger, story: RevolvingStory, openedOnDay: number, openingSecond: number): AccountEventDraft[] {
  const { random, month, market, context } = setup;
  const { drafts, emit } = draftRecorder(ledger);
  const timeline = new Timeline();
  const repay = (day: number, rank: number, amount: Cents): void => {
    if (amount <= 0) return;
    ledger.pay(day, amount);
    emit(day, rank, 'REPAYMENT', { transaction: aRepayment(random, context, amount) });
  };
  const dueDay = month.first - 1 + market.revolving.policy.dueDaysAfterStatement;
  const lastActiveDay = month.last - 1;
  let purchasesFrom = month.first;
  let purchasesUntil = lastActiveDay;

  switch (story) {
    case 'new':
      timeline.add(openedOnDay, RANK.open, () => emit(openedOnDay, RANK.open, 'ACCOUNT_OPENED', { second: openingSecond }));
      purchasesFrom = openedOnDay;
      break;
    case 'transactor':
    case 'revolver': {
      const paidOn = random.int(month.first, Math.min(dueDay, lastActiveDay));
      const payment: Payment = story === 'transactor' ? 'full' : random.pick(['minimum', 'partial'] as const);
      timeline.add(paidOn, RANK.activity, () => repay(paidOn, RANK.activity, amountFor(random, ledger, payment)));
      if (random.chance(LIMIT_CHANGE_SHARE)) {
        const changedOn = random.int(month.first, lastActiveDay);
        timeline.add(changedOn, RANK.limit, () => {
          ledger.changeLimit(raisedLimit(random, ledger.limitAmount, market.revolving.limits[2]));
          emit(changedOn, RANK.limit, 'CREDIT_LIMIT_CHANGED');
        });
      }
      break;
    }
    case 'cure': {
      const paidOn = random.int(month.first, month.last - 2);
      timeline.add(paidOn, RANK.activity, () => repay(paidOn, RANK.activity, amountFor(random, ledger, 'cure')));
      purchasesFrom = paidOn + 1;
      break;
    }
    case 'partial-recovery': {
      const paidOn = random.int(month.first, month.last - 2);
      timeline.add(paidOn, RANK.activity, () => repay(paidOn, RANK.activity, roundCents(ledger.pastDue(paidOn).amount * (random.float() * 0.5 + 0.3))));
      break;
    }
    case 'first-miss':
      purchasesUntil = Math.min(lastActiveDay, dueDay + market.graceDays);
      break;
    case 'closure': {
      const closedOn = random.int(month.first + 2, month.last - 2);
      timeline.add(closedOn, RANK.payoff, () => repay(closedOn, RANK.payoff, ledger.balance));
      timeline.add(closedOn, RANK.close, () => {
        ledger.close(closedOn);
        emit(closedOn, RANK.close, 'ACCOUNT_CLOSED');
      });
      purchasesUntil = closedOn - 1;
      break;
    }
    case 'charge-off': {
      const chargedOffOn = ledger.oldestPastDueDay(month.first)! + CHARGE_OFF_DAYS;
      timeline.add(chargedOffOn, RANK.chargeOff, () => {
        ledger.chargeOff(chargedOffOn);
        emit(chargedOffOn, RANK.chargeOff, 'CHARGED_OFF');
      });
      break;
    }
    case 'dormant':
    case 'delinquent':
      break;
  }
  const [fewest, most] = PURCHASES[story];
  const purchases = random.int(fewest, most);
  for (let i = 0; i < purchases && purchasesFrom <= purchasesUntil; i++) {
    const drawnOn = random.int(purchasesFrom, purchasesUntil);
    timeline.add(drawnOn, RANK.activity, () => {
      const drawdown = aDrawdown(random, context, roundCents(ledger.availableCredit() * 0.6));
      if (drawdown && ledger.canDraw(drawnOn, drawdown.amount)) {
        ledger.draw(drawnOn, drawdown.amount);
        emit(drawnOn, RANK.activity, 'DRAWDOWN', { transaction: drawdown.transaction });
      }
    });
  }
  if (story !== 'closure') {
    timeline.add(month.last, RANK.statement, () => emit(month.last, RANK.statement, 'STATEMENT_CLOSED', { statement: ledger.closeStatement(month.last) }));
  }
  timeline.run();
  return drafts;
}

import type { LoanPurpose } from '@furnish/shared-contracts';
import { addMonthsToMonth, dayIn, instantOf, monthOfDay, monthOfIndex, toDate, type CalendarMonth } from '../calendar/calendar';
import type { SeededRandom } from '../random/seeded-random';
import type { AccountTerms } from './account-ledger';
import { RANK, Timeline, draftRecorder, type AccountEventDraft, type AccountMonth, type AccountSetup } from './account-month';
import { CHARGE_OFF_DAYS, type InstalmentStory } from './account-story';
import { InstalmentLedger, amortise, scheduledDueDates, type ScheduledInstalment } from './instalment.ledger';
import { roundCents, toMoney, units, type Cents } from './money';
import { aRepayment } from './transaction.factory';

const COUNTS: Readonly<Record<string, number>> = { '3': 15, '6': 30, '12': 35, '24': 20 };
const PURPOSES: readonly LoanPurpose[] = ['GENERAL_PURPOSE', 'GENERAL_PURPOSE', 'EDUCATION', 'TRAVEL', 'HOME_IMPROVEMENT', 'DIGITAL_PRODUCTS', 'RENTAL', 'SHOPPING'];
/** Due days stay within 1-28 so that every month has the instalment's day. */
const LAST_DUE_DAY = 28;

/** Where the loan stands going into the month. */
interface LoanPlan {
  readonly count: number;
  readonly openedOnDay: number;
  /** The instalment due this month (0 for a loan opened this month). */
  readonly current: number;
  /** Instalments missed, in a row, just before the current one. */
  readonly missed: number;
}

/**
 * One month of an instalment loan (Jiebei-like): disbursed at opening, repaid in equal monthly
 * instalments on the opening day of each month; each instalment's statement closes on its due date.
 */
export function simulateInstalmentMonth(setup: AccountSetup, story: InstalmentStory): AccountMonth {
  const { random, month, market } = setup;
  const plan = planLoan(random, story, month);
  const openingSecond = market.window.start + random.int(3600, 4 * 3600);
  const [minPrincipal, maxPrincipal, step] = market.instalment.principals;
  const principal = units(random.int(minPrincipal / step, maxPrincipal / step) * step);
  const { instalmentAmount, schedule } = amortise(principal, plan.count, random.pick(market.instalment.monthlyRates), plan.openedOnDay);
  const terms: AccountTerms = {
    accountId: setup.accountId,
    productType: 'INSTALMENT_LOAN',
    currency: market.currency,
    openedOn: toDate(plan.openedOnDay),
    maturityDate: toDate(schedule[schedule.length - 1].dueDay),
    principal: toMoney(principal),
    instalmentCount: plan.count,
    instalmentAmount: toMoney(instalmentAmount),
    scheduledDueDates: scheduledDueDates(schedule),
    repaymentMethod: 'EQUAL_INSTALMENTS',
    repaymentFrequency: 'MONTHLY',
    gracePeriodDays: market.graceDays,
    guaranteeType: 'UNSECURED',
    loanPurpose: random.pick(PURPOSES),
    appliedAt:
      story === 'new'
        ? instantOf(plan.openedOnDay, openingSecond - random.int(300, 5400))
        : instantOf(plan.openedOnDay - random.int(0, 1), market.window.start + random.int(0, market.window.end - market.window.start - 1)),
    applicationDistrictCode: market.applicationDistrictCode,
  };
  const ledger = new InstalmentLedger(terms, plan.openedOnDay, principal, schedule);
  if (story !== 'new') simulatePast(random, ledger, plan, month);
  return { accountId: setup.accountId, productType: 'INSTALMENT_LOAN', story, drafts: playMonth(setup, ledger, story, plan, openingSecond) };
}

function planLoan(random: SeededRandom, story: InstalmentStory, month: CalendarMonth): LoanPlan {
  const dueDay = random.int(1, LAST_DUE_DAY);
  const count = (minimum: number): number => {
    const allowed = Object.fromEntries(Object.entries(COUNTS).filter(([n]) => Number(n) >= minimum));
    return Number(random.weighted(allowed));
  };
  const existing = (n: number, current: number, missed: number): LoanPlan => ({
    count: n,
    current,
    missed,
    openedOnDay: dayIn(addMonthsToMonth(month, -current), dueDay),
  });
  switch (story) {
    case 'new':
      return { count: count(1), current: 0, missed: 0, openedOnDay: dayIn(month, random.int(1, Math.min(LAST_DUE_DAY, month.last - month.first))) };
    case 'on-time':
    case 'early-payoff': {
      const n = count(2);
      return existing(n, random.int(1, n - 1), 0);
    }
    case 'final-instalment': {
      const n = count(1);
      return existing(n, n, 0);
    }
    case 'first-miss': {
      const n = count(1);
      return existing(n, random.int(1, n), 0);
    }
    case 'delinquent':
    case 'partial-recovery':
    case 'cure': {
      const missed = random.int(1, 4);
      const n = count(missed + 1);
      return existing(n, random.int(missed + 1, n), missed);
    }
    case 'charge-off': {
      const n = count(12);
      const candidates: [number, number][] = [];
      for (let missed = 5; missed <= 8; missed++) {
        for (let day = 1; day <= LAST_DUE_DAY; day++) {
          const chargeOffDay = dayIn(monthOfIndex(month.index - missed), day) + CHARGE_OFF_DAYS;
          if (chargeOffDay >= month.first && chargeOffDay < month.last) candidates.push([missed, day]);
        }
      }
      const [missed, day] = random.pick(candidates);
      const current = random.int(missed + 1, n);
      return { count: n, current, missed, openedOnDay: dayIn(addMonthsToMonth(month, -current), day) };
    }
  }
}

/** The instalments before the month: paid on or just before their due dates, except the missed ones. */
function simulatePast(random: SeededRandom, ledger: InstalmentLedger, plan: LoanPlan, month: CalendarMonth): void {
  const timeline = new Timeline();
  const lastPaid = plan.current - 1 - plan.missed;
  const blip = lastPaid >= 2 && random.chance(0.08) ? random.int(1, lastPaid - 1) : 0;
  for (const instalment of ledger.schedule.slice(0, plan.current - 1)) {
    const { number, dueDay } = instalment;
    if (number <= lastPaid && number !== blip) {
      const paidOn = Math.max(plan.openedOnDay + 1, dueDay - random.int(0, 5));
      timeline.add(paidOn, RANK.activity, () => {
        const amount = ledger.owedUpTo(dueDay);
        if (amount > 0) ledger.pay(paidOn, amount);
      });
    }
    timeline.add(dueDay, RANK.statement, () => ledger.closeCycle(instalment));
  }
  for (let index = monthOfDay(plan.openedOnDay).index; index < month.index; index++) {
    const monthEnd = monthOfIndex(index).last;
    timeline.add(monthEnd, RANK.monthEnd, () => ledger.recordMonthEnd(monthEnd));
  }
  timeline.run();
}

function playMonth(setup: AccountSetup, ledger: InstalmentLedger, story: InstalmentStory, plan: LoanPlan, openingSecond: number): AccountEventDraft[] {
  const { random, month, market, context } = setup;
  const { drafts, emit } = draftRecorder(ledger);
  const timeline = new Timeline();
  const repay = (day: number, rank: number, amount: Cents): void => {
    if (amount <= 0) return;
    ledger.pay(day, amount);
    emit(day, rank, 'REPAYMENT', { transaction: aRepayment(random, context, amount) });
  };
  const close = (day: number): void => {
    timeline.add(day, RANK.close, () => {
      ledger.close(day);
      emit(day, RANK.close, 'ACCOUNT_CLOSED');
    });
  };
  if (story === 'new') {
    timeline.add(plan.openedOnDay, RANK.open, () => emit(plan.openedOnDay, RANK.open, 'ACCOUNT_OPENED', { second: openingSecond }));
    timeline.run();
    return drafts;
  }
  const current: ScheduledInstalment = ledger.schedule[plan.current - 1];
  const onTimeDay = (): number => random.int(Math.max(month.first, current.dueDay - 5), current.dueDay);
  let statement = true;
  switch (story) {
    case 'on-time':
    case 'final-instalment': {
      const paidOn = onTimeDay();
      timeline.add(paidOn, RANK.activity, () => repay(paidOn, RANK.activity, ledger.owedUpTo(current.dueDay)));
      if (story === 'final-instalment') {
        close(paidOn);
        statement = false;
      }
      break;
    }
    case 'early-payoff': {
      const paidOn = random.int(month.first, Math.max(month.first, current.dueDay - 1));
      timeline.add(paidOn, RANK.payoff, () => {
        const amount = ledger.payOff(paidOn);
        emit(paidOn, RANK.payoff, 'REPAYMENT', { transaction: aRepayment(random, context, amount) });
      });
      close(paidOn);
      statement = false;
      break;
    }
    case 'partial-recovery': {
      const previousDue = ledger.schedule[plan.current - 2].dueDay;
      const paidOn = random.int(Math.max(month.first, previousDue + market.graceDays + 1), month.last - 1);
      timeline.add(paidOn, RANK.activity, () => repay(paidOn, RANK.activity, roundCents(ledger.pastDue(paidOn).amount * (random.float() * 0.5 + 0.3))));
      break;
    }
    case 'cure': {
      const paidOn = random.int(month.first, current.dueDay);
      timeline.add(paidOn, RANK.activity, () => repay(paidOn, RANK.activity, ledger.owedUpTo(current.dueDay)));
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
    case 'first-miss':
    case 'delinquent':
      break;
  }
  if (statement) {
    timeline.add(current.dueDay, RANK.statement, () => emit(current.dueDay, RANK.statement, 'STATEMENT_CLOSED', { statement: ledger.closeStatement(current) }));
  }
  timeline.run();
  return drafts;
}

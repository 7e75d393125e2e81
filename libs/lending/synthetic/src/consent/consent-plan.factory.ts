import { BUREAUS, bureauCodeOf, type Bureau, type BureauCode, type ConsentEvent } from '@furnish/shared-contracts';
import type { Country } from '../people/borrower.factory';
import type { SeededRandom } from '../random/seeded-random';
import type { ConsentPattern, ExpectedDecision, WithholdReason } from './consent-pattern';

/** A borrower's consent events for the month and the decision each of their loan events should get. */
export interface ConsentPlan {
  readonly pattern: ConsentPattern;
  /** Bureaus of the first grant; empty without consent. */
  readonly bureaus: readonly BureauCode[];
  readonly events: readonly ConsentEvent[];
  decide(occurredAt: Date): Readonly<Record<Bureau, ExpectedDecision>>;
}

export interface ConsentPlanInput {
  readonly pattern: ConsentPattern;
  readonly country: Country;
  readonly borrowerId: string;
  /** Stem of the borrower's consent ids. */
  readonly idStem: string;
  /** Times (epoch ms) of the borrower's loan events, ascending. */
  readonly eventTimes: readonly number[];
  /** The borrower's first credit application (epoch ms): consent is captured with it. */
  readonly firstApplication: number;
  /** Epoch ms of the month's first instant. */
  readonly monthStart: number;
}

const CHANNELS: Readonly<Record<string, number>> = { APP: 60, WEB: 20, PAPER_FORM: 10, BRANCH: 10 };
const CN_BUREAU_SETS: readonly (readonly BureauCode[])[] = [['PBOC_CRC', 'BAIHANG'], ['PBOC_CRC', 'BAIHANG'], ['PBOC_CRC', 'BAIHANG'], ['PBOC_CRC'], ['PBOC_CRC'], ['BAIHANG']];

/** Which consent releases an event to a bureau at a time, or why none does. */
type Outcome = { readonly reason: WithholdReason } | { readonly consentId: string; readonly version: number };
type Rule = (bureau: BureauCode, at: number) => Outcome;

/**
 * Builds the consent events a pattern needs, placing mid-month changes between two of the
 * borrower's loan events so that both sides of the change occur, and states the expected decision
 * per bureau (US borrowers consent to Metro 2 only; Chinese ones to PBOC CRC and/or Baihang).
 */
export function planConsent(random: SeededRandom, input: ConsentPlanInput): ConsentPlan {
  const { pattern, country, borrowerId, idStem, eventTimes, firstApplication } = input;
  const granted: readonly BureauCode[] = pattern === 'none' ? [] : country === 'US' ? ['METRO2'] : pattern === 'narrowed' ? ['PBOC_CRC', 'BAIHANG'] : random.pick(CN_BUREAU_SETS);
  const consentId = `CNS${idStem}`;
  const event = (fields: Pick<ConsentEvent, 'consentId' | 'version' | 'action' | 'bureaus' | 'effectiveAt' | 'expiresAt'>): ConsentEvent => ({
    consentId: fields.consentId,
    version: fields.version,
    borrowerId,
    action: fields.action,
    bureaus: fields.bureaus,
    effectiveAt: fields.effectiveAt,
    expiresAt: fields.expiresAt,
    channel: random.weighted(CHANNELS),
    evidenceRef: `sha256:${random.hex(64)}`,
    recordedAt: fields.effectiveAt,
  });
  const grant = (at: number, bureaus: readonly BureauCode[], expiresAt: number | null = null, version = 1): ConsentEvent =>
    event({ consentId, version, action: 'GRANTED', bureaus, effectiveAt: new Date(at), expiresAt: expiresAt === null ? null : new Date(expiresAt) });
  const released = { consentId, version: 1 };

  let events: ConsentEvent[] = [];
  let rule: Rule = () => ({ reason: 'NO_CONSENT' });
  switch (pattern) {
    case 'none':
      break;
    case 'steady':
      events = [grant(firstApplication, granted)];
      rule = () => released;
      break;
    case 'expiring': {
      const expiresAt = midMonth(random, eventTimes, firstApplication);
      events = [grant(firstApplication, granted, expiresAt)];
      rule = (_, at) => (at < expiresAt ? released : { reason: 'EXPIRED' });
      break;
    }
    case 'withdrawn': {
      const withdrawnAt = midMonth(random, eventTimes, firstApplication);
      const withdrawn = granted.length > 1 && random.chance(0.4) ? [random.pick(granted)] : granted;
      events = [
        grant(firstApplication, granted),
        event({ consentId: `WDR${idStem}`, version: 1, action: 'WITHDRAWN', bureaus: withdrawn, effectiveAt: new Date(withdrawnAt), expiresAt: null }),
      ];
      // The withdrawal is known when every event is released, so it revokes the grant for all of them.
      rule = (bureau) => (withdrawn.includes(bureau) ? { reason: 'WITHDRAWN' } : released);
      break;
    }
    case 'late-grant': {
      const grantedAt = midMonth(random, eventTimes, input.monthStart);
      events = [grant(grantedAt, granted)];
      rule = (_, at) => (at >= grantedAt ? released : { reason: 'NOT_YET_EFFECTIVE' });
      break;
    }
    case 'narrowed': {
      const amendedAt = midMonth(random, eventTimes, firstApplication);
      const kept = [random.pick(granted)];
      events = [grant(firstApplication, granted), grant(amendedAt, kept, null, 2)];
      // The amendment revokes the dropped bureau for every event, also those before it (ledger order
      // decides, not dates); the kept bureau stays authorised by version 1 until version 2 takes effect.
      rule = (bureau, at) => {
        if (!kept.includes(bureau)) return { reason: 'WITHDRAWN' };
        return at < amendedAt ? released : { consentId, version: 2 };
      };
      break;
    }
  }
  return {
    pattern,
    bureaus: granted,
    events,
    decide(occurredAt) {
      const at = occurredAt.getTime();
      return Object.fromEntries(
        BUREAUS.map((bureau) => {
          const code = bureauCodeOf(bureau);
          const outcome: Outcome = granted.includes(code) ? rule(code, at) : { reason: 'NO_CONSENT' };
          const decision: ExpectedDecision = 'reason' in outcome ? { bureau, released: false, reason: outcome.reason } : { bureau, released: true, consent: outcome };
          return [bureau, decision];
        }),
      ) as Record<Bureau, ExpectedDecision>;
    },
  };
}

/**
 * An instant after `after` and strictly between two consecutive loan events of the borrower, so
 * that some events fall before it and some after; with too few events, between `after` and the
 * first event that follows it.
 */
function midMonth(random: SeededRandom, times: readonly number[], after: number): number {
  const gaps: number[] = [];
  for (let i = 0; i + 1 < times.length; i++) if (times[i] > after && times[i + 1] - times[i] >= 2) gaps.push(i);
  if (gaps.length > 0) {
    const i = random.pick(gaps);
    return times[i] + 1 + Math.floor(random.float() * (times[i + 1] - times[i] - 1));
  }
  const next = times.find((t) => t > after + 1) ?? after + 2;
  return after + 1 + Math.floor(random.float() * (next - after - 1));
}

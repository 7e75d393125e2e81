import { Controller, Inject } from '@nestjs/common';
import { BUREAUS, TOPICS, bureauCodeOf, type Bureau, type ConsentedLoanEvent, type LoanEvent } from '@furnish/shared-contracts';
import { accountRef, borrowerRef, evaluateConsent, evaluateCorrection, type ConsentReference } from '@furnish/consent-domain';
import { ConsentDecisionRepository, ConsentFactsCache, LedgerWatermark, releaseKey, type ConsentDecisionRow, type DecisionCandidate } from '@furnish/consent-data-access';
import { emit, fail, type EncodedValue, type InputRecord, type OutputRecord, type RecordOutcome, type Stage, type WithEncodedFields } from '@furnish/shared-stage-api';
import { STAGE_RUNTIME_CONFIG, StageHandler } from '@furnish/shared-stage-runtime';
import { FurnishError } from '@furnish/shared-util-errors';
import { MINIMISATION_POLICIES, policySends } from '@furnish/minimisation-domain';
import type { ConsentFilterConfig } from './consent-filter.config';
import { ConsentFilterMetrics } from './consent-filter.metrics';

export class LoanEventKeyError extends FurnishError {
  constructor() {
    super('KEY_MISMATCH', 'record key must be account.accountId (per-account ordering depends on it)', 'dead-letter');
  }
}

/**
 * The fields of a loan event the filter decides on. It reads loan events through a projection onto
 * them (consent-filter.module.ts); the whole event travels on as bytes.
 */
export const LOAN_EVENT_FACT_PATHS = ['eventId', 'eventType', 'occurredAt', 'account.accountId', 'account.productType', 'borrower.borrowerId', 'corrects'];
export type LoanEventFacts = Pick<LoanEvent, 'eventId' | 'eventType' | 'occurredAt'> & {
  /** Set on a correction or retraction (loan-event v3); absent when read from an older projection. */
  readonly corrects?: LoanEvent['corrects'];
  readonly account: Pick<LoanEvent['account'], 'accountId' | 'productType'>;
  readonly borrower: Pick<LoanEvent['borrower'], 'borrowerId'>;
};

/** Whether the bureau's minimisation policy sends this kind of event at all (the minimiser applies the rest of it). */
const sends = (bureau: Bureau, event: LoanEventFacts): boolean => policySends(MINIMISATION_POLICIES[bureau], event.account.productType, event.eventType);

/** References kept per kind (borrower, account): about 2 MiB of heap each. */
const RECENT_REFS = 10_000;

/** An HMAC per event costs more than the consent rule; borrowers and accounts recur, so recent references are kept. */
class RecentRefs {
  private readonly refs = new Map<string, string>();

  constructor(private readonly derive: (id: string) => string) {}

  of(id: string): string {
    let ref = this.refs.get(id);
    if (ref === undefined) {
      if (this.refs.size >= RECENT_REFS) this.refs.clear();
      ref = this.derive(id);
      this.refs.set(id, ref);
    }
    return ref;
  }
}

/**
 * Releases each loan event once per bureau the borrower's consent covered at the event's time,
 * naming the consent that authorised it, and records every decision in the audit trail. It first
 * waits until the ledger has applied every consent event published before the chunk. An event id
 * is decided once within CONSENT_IDEMPOTENCY_WINDOW_DAYS: later deliveries are suppressed and
 * audited as duplicates. A correction or retraction (loan-event v3 `corrects`) is decided by its
 * original instead: released to the bureaus the filter released the original to, under the same
 * consent (evaluateCorrection; docs/consent.md, "Corrections and retractions").
 *
 * Only what a bureau receives is put on the consented topic: a release of an event type its
 * minimisation policy does not send (MinimisationPolicy.events, e.g. a drawdown to PBOC CRC) is
 * audited as one NOT_REPORTABLE entry naming the consent, and goes no further. Two thirds of the releases of a
 * typical month are such, and carrying them to the minimiser only for it to drop them cost a quarter
 * of the pipeline's CPU (docs/performance.md).
 */
@Controller()
export class ConsentFilterStage implements Stage<LoanEventFacts> {
  readonly name = 'consent-filter';
  readonly inputTopics = [TOPICS.loanEvents];
  readonly outputTopics = [TOPICS.consentedLoanEvents];
  private readonly borrowerRefs: RecentRefs;
  private readonly accountRefs: RecentRefs;

  constructor(
    private readonly watermark: LedgerWatermark,
    private readonly facts: ConsentFactsCache,
    private readonly decisions: ConsentDecisionRepository,
    private readonly metrics: ConsentFilterMetrics,
    @Inject(STAGE_RUNTIME_CONFIG) private readonly config: ConsentFilterConfig,
  ) {
    this.borrowerRefs = new RecentRefs((id) => borrowerRef(config.CONSENT_PSEUDONYM_KEY, id));
    this.accountRefs = new RecentRefs((id) => accountRef(config.CONSENT_PSEUDONYM_KEY, id));
  }

  @StageHandler(TOPICS.loanEvents)
  async process(records: readonly InputRecord<LoanEventFacts>[]): Promise<readonly RecordOutcome[]> {
    const latest = new Date(Math.max(...records.map((r) => r.timestamp.getTime())));
    const { positions, waitedMs } = await this.watermark.awaitCoverage(latest);
    this.metrics.waitedForLedger(waitedMs);
    const facts = await this.facts.factsFor(records.map((r) => this.borrowerRefs.of(r.value.borrower.borrowerId)), positions);
    const decidedAt = new Date();
    const ledgerPosition = Object.fromEntries([...positions].map(([p, o]) => [String(p), o.toString()]));

    const valid = records.filter((record) => record.key === record.value.account.accountId);
    const originals = await this.originalReleases(valid);
    const candidates = valid.map((record): DecisionCandidate => {
      const event = record.value;
      const { eventId, occurredAt: eventOccurredAt } = event;
      const borrowerRef = this.borrowerRefs.of(event.borrower.borrowerId);
      const accountRef = this.accountRefs.of(event.account.accountId);
      const borrowerFacts = facts.get(borrowerRef) ?? [];
      const decisions = BUREAUS.map((bureau): ConsentDecisionRow => {
        const decision = event.corrects
          ? evaluateCorrection(borrowerFacts, bureau, originals.get(releaseKey(event.corrects.eventId, bureau)))
          : evaluateConsent(borrowerFacts, bureau, event.occurredAt);
        if (decision.release) originals.set(releaseKey(eventId, bureau), decision.consent);
        // Whole literals, not `{ ...shared, … }`: the spread was 8% of the filter's CPU in a profile.
        return decision.release
          ? { eventId, borrowerRef, accountRef, eventOccurredAt, bureau, decision: 'RELEASED', reason: null, consentId: decision.consent.consentId, consentVersion: decision.consent.version }
          : { eventId, borrowerRef, accountRef, eventOccurredAt, bureau, decision: 'WITHHELD', reason: decision.reason, consentId: null, consentVersion: null };
      });
      const notSent = decisions.filter((d) => d.decision === 'RELEASED' && !sends(d.bureau, event)).map((d) => d.bureau);
      return { eventId, partition: record.partition, offset: record.offset, decisions, notSent };
    });
    // The claim of each event id and the decisions commit together: a redelivery is never decided twice.
    const settled = await this.decisions.decideOnce(candidates, { decidedAt, ledgerPosition }, this.config.CONSENT_IDEMPOTENCY_WINDOW_DAYS);
    const settlementOf = new Map(valid.map((record, i) => [record, settled[i]]));

    const outcomes = records.map((record) => {
      const settlement = settlementOf.get(record);
      if (!settlement) return fail(new LoanEventKeyError());
      if (settlement.kind === 'duplicate') return emit();
      // The event's own bytes when it arrived in the current schema: copied, not encoded again.
      const loanEvent = record.encoded as EncodedValue<LoanEvent>;
      const outputs = settlement.decisions
        .filter((d) => d.decision === 'RELEASED' && sends(d.bureau, record.value))
        .map((d): OutputRecord => {
          const value: WithEncodedFields<ConsentedLoanEvent> = {
            bureau: bureauCodeOf(d.bureau),
            consent: { consentId: d.consentId!, version: d.consentVersion! },
            decidedAt: settlement.decidedAt,
            loanEvent,
          };
          return { topic: TOPICS.consentedLoanEvents, key: record.value.account.accountId, value };
        });
      return emit(...outputs);
    });

    this.metrics.decided(settled.flatMap((s) => (s.kind === 'decided' ? s.decisions : [])));
    this.metrics.notSent(candidates.flatMap((c, i) => (settled[i].kind === 'decided' ? c.notSent : [])));
    this.metrics.duplicates(settled.flatMap((s) => (s.kind === 'duplicate' ? s.bureaus : [])));
    return outcomes;
  }

  /**
   * The consent each original named by a correction of the chunk was released under, per bureau
   * (releaseKey): from the audit, and filled in as the chunk is decided, so an original decided
   * earlier in the same chunk counts too (per-account order puts it first).
   */
  private async originalReleases(records: readonly InputRecord<LoanEventFacts>[]): Promise<Map<string, ConsentReference>> {
    const keys = records.flatMap((r) => (r.value.corrects ? BUREAUS.map((bureau) => ({ eventId: r.value.corrects!.eventId, bureau })) : []));
    // A correction of an event its bureau's policy does not send is released (and not sent) under the same consent.
    const released = await this.decisions.releasedDecisions(keys, { includingNotSent: true });
    return new Map([...released].map(([key, d]) => [key, { consentId: d.consentId, version: d.consentVersion }]));
  }
}

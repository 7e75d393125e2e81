import { Inject, Injectable } from '@nestjs/common';
import { BUREAUS, TOPICS, bureauCodeOf, type ConsentedLoanEvent, type LoanEvent } from '@furnish/shared-contracts';
import { borrowerRef, evaluateConsent } from '@furnish/consent-domain';
import { ConsentDecisionRepository, ConsentFactsCache, LedgerWatermark, type ConsentDecisionRow } from '@furnish/consent-data-access';
import { emit, fail, type EncodedValue, type InputRecord, type OutputRecord, type RecordOutcome, type Stage, type WithEncodedFields } from '@furnish/shared-stage-api';
import { STAGE_RUNTIME_CONFIG } from '@furnish/shared-stage-runtime';
import { FurnishError } from '@furnish/shared-util-errors';
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
export const LOAN_EVENT_FACT_PATHS = ['eventId', 'occurredAt', 'account.accountId', 'borrower.borrowerId'];
export type LoanEventFacts = Pick<LoanEvent, 'eventId' | 'occurredAt'> & {
  readonly account: Pick<LoanEvent['account'], 'accountId'>;
  readonly borrower: Pick<LoanEvent['borrower'], 'borrowerId'>;
};

/** Borrower references kept: about 2 MiB of heap. */
const RECENT_REFS = 10_000;

/**
 * Releases each loan event once per bureau the borrower's consent covered at the event's time,
 * naming the consent that authorised it, and records every decision in the audit trail. It first
 * waits until the ledger has applied every consent event published before the chunk.
 */
@Injectable()
export class ConsentFilterStage implements Stage<LoanEventFacts> {
  readonly name = 'consent-filter';
  readonly inputTopics = [TOPICS.loanEvents];
  readonly outputTopics = [TOPICS.consentedLoanEvents];
  private readonly recentRefs = new Map<string, string>();

  constructor(
    private readonly watermark: LedgerWatermark,
    private readonly facts: ConsentFactsCache,
    private readonly decisions: ConsentDecisionRepository,
    private readonly metrics: ConsentFilterMetrics,
    @Inject(STAGE_RUNTIME_CONFIG) private readonly config: ConsentFilterConfig,
  ) {}

  async process(records: readonly InputRecord<LoanEventFacts>[]): Promise<readonly RecordOutcome[]> {
    const latest = new Date(Math.max(...records.map((r) => r.timestamp.getTime())));
    const { positions, waitedMs } = await this.watermark.awaitCoverage(latest);
    this.metrics.waitedForLedger(waitedMs);
    const facts = await this.facts.factsFor(records.map((r) => r.value.borrower.borrowerId), positions);
    const decidedAt = new Date();
    const ledgerPosition = Object.fromEntries([...positions].map(([p, o]) => [String(p), o.toString()]));
    const audit: ConsentDecisionRow[] = [];

    const outcomes = records.map((record) => {
      const event = record.value;
      if (record.key !== event.account.accountId) return fail(new LoanEventKeyError());
      const ref = this.borrowerRefOf(event.borrower.borrowerId);
      const outputs: OutputRecord[] = [];
      for (const bureau of BUREAUS) {
        const decision = evaluateConsent(facts.get(event.borrower.borrowerId) ?? [], bureau, event.occurredAt);
        const row = { eventId: event.eventId, bureau, borrowerRef: ref, eventOccurredAt: event.occurredAt };
        if (decision.release) {
          // The event's own bytes when it arrived in the current schema: copied, not encoded again.
          const loanEvent = record.encoded as EncodedValue<LoanEvent>;
          const value: WithEncodedFields<ConsentedLoanEvent> = { bureau: bureauCodeOf(bureau), consent: decision.consent, decidedAt, loanEvent };
          outputs.push({ topic: TOPICS.consentedLoanEvents, key: event.account.accountId, value });
          audit.push({ ...row, decision: 'RELEASED', reason: null, consentId: decision.consent.consentId, consentVersion: decision.consent.version });
        } else {
          audit.push({ ...row, decision: 'WITHHELD', reason: decision.reason, consentId: null, consentVersion: null });
        }
      }
      return emit(...outputs);
    });

    await this.decisions.record(audit, { decidedAt, ledgerPosition });
    this.metrics.decided(audit);
    return outcomes;
  }

  /** An HMAC per event costs more than the rule; borrowers recur, so recent references are kept. */
  private borrowerRefOf(borrowerId: string): string {
    let ref = this.recentRefs.get(borrowerId);
    if (ref === undefined) {
      if (this.recentRefs.size >= RECENT_REFS) this.recentRefs.clear();
      ref = borrowerRef(this.config.CONSENT_PSEUDONYM_KEY, borrowerId);
      this.recentRefs.set(borrowerId, ref);
    }
    return ref;
  }
}

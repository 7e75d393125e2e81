import { Injectable } from '@nestjs/common';
import { BUREAUS, TOPICS, bureauCodeOf, type ConsentedLoanEvent, type LoanEvent } from '@furnish/shared-contracts';
import { evaluateConsent } from '@furnish/consent-domain';
import { ConsentLedgerRepository } from '@furnish/consent-data-access';
import { emit, fail, type InputRecord, type OutputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';
import { FurnishError } from '@furnish/shared-util-errors';

export class LoanEventKeyError extends FurnishError {
  constructor() {
    super('KEY_MISMATCH', 'record key must be account.accountId (per-account ordering depends on it)', 'dead-letter');
  }
}

/**
 * Releases each loan event once per bureau the borrower's consent covered at the event's time,
 * naming the consent that authorised it. One ledger query per chunk, for all its borrowers.
 */
@Injectable()
export class ConsentFilterStage implements Stage<LoanEvent> {
  readonly name = 'consent-filter';
  readonly inputTopics = [TOPICS.loanEvents];
  readonly outputTopics = [TOPICS.consentedLoanEvents];

  constructor(private readonly ledger: ConsentLedgerRepository) {}

  async process(records: readonly InputRecord<LoanEvent>[]): Promise<readonly RecordOutcome[]> {
    const facts = await this.ledger.factsFor(records.map((r) => r.value.borrower.borrowerId));
    const decidedAt = new Date();
    return records.map((record) => {
      const event = record.value;
      if (record.key !== event.account.accountId) return fail(new LoanEventKeyError());
      const outputs: OutputRecord[] = [];
      for (const bureau of BUREAUS) {
        const decision = evaluateConsent(facts.get(event.borrower.borrowerId) ?? [], bureau, event.occurredAt);
        if (!decision.release) continue;
        const value: ConsentedLoanEvent = { bureau: bureauCodeOf(bureau), consent: decision.consent, decidedAt, loanEvent: event };
        outputs.push({ topic: TOPICS.consentedLoanEvents, key: event.account.accountId, value });
      }
      return emit(...outputs);
    });
  }
}

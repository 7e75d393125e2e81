import { Injectable } from '@nestjs/common';
import { TOPICS, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { minimise } from '@furnish/minimisation-domain';
import { emit, type InputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';

/** Emits, for each consented event, only the fields its bureau is allowed to receive. */
@Injectable()
export class MinimiserStage implements Stage<ConsentedLoanEvent> {
  readonly name = 'minimiser';
  readonly inputTopics = [TOPICS.consentedLoanEvents];
  readonly outputTopics = Object.values(TOPICS.minimised);

  async process(records: readonly InputRecord<ConsentedLoanEvent>[]): Promise<readonly RecordOutcome[]> {
    return records.map(({ value }) => {
      const minimised = minimise(value);
      return emit({ topic: minimised.topic, key: value.loanEvent.account.accountId, value: minimised.value });
    });
  }
}

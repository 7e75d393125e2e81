import { Controller } from '@nestjs/common';
import { TOPICS, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { MINIMISATION_HEADERS, Minimiser } from '@furnish/minimisation-domain';
import { StageHandler } from '@furnish/shared-stage-runtime';
import { emit, fail, type InputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';
import { MinimiserMetrics } from './minimiser.metrics';

/**
 * Applies the bureau's minimisation policy to each consented event and emits the bureau's
 * minimised record, stamped with the policy that built it. A record missing a field its bureau
 * requires, or carrying it malformed, is dead-lettered with the field's path (never its value).
 */
@Controller()
export class MinimiserStage implements Stage<ConsentedLoanEvent> {
  readonly name = 'minimiser';
  readonly inputTopics = [TOPICS.consentedLoanEvents];
  readonly outputTopics = Object.values(TOPICS.minimised);

  constructor(
    private readonly minimiser: Minimiser,
    private readonly metrics: MinimiserMetrics,
  ) {}

  @StageHandler(TOPICS.consentedLoanEvents)
  async process(records: readonly InputRecord<ConsentedLoanEvent>[]): Promise<readonly RecordOutcome[]> {
    return records.map(({ value }) => {
      const outcome = this.minimiser.minimise(value);
      if (outcome.kind === 'rejected') {
        this.metrics.rejected(outcome.bureau, outcome.error.problems);
        return fail(outcome.error);
      }
      this.metrics.minimised(outcome.bureau, outcome.withheld);
      const headers: Record<string, string> = { [MINIMISATION_HEADERS.policy]: outcome.policy };
      if (outcome.withheld.length > 0) headers[MINIMISATION_HEADERS.withheld] = outcome.withheld.join(',');
      return emit({ topic: outcome.topic, key: value.loanEvent.account.accountId, value: outcome.value, headers });
    });
  }
}

import { Controller } from '@nestjs/common';
import { bureauOfCode, TOPICS, type ConsentedLoanEvent } from '@furnish/shared-contracts';
import { MINIMISATION_HEADERS, Minimiser } from '@furnish/minimisation-domain';
import { HEADERS, StageHandler } from '@furnish/shared-stage-runtime';
import { emit, fail, type InputRecord, type RecordOutcome, type SettledRecord, type SettlementAware, type Stage } from '@furnish/shared-stage-api';
import { StageAuditTrail, type ReleaseSettlement } from '@furnish/consent-release-gate';
import { MinimiserMetrics } from './minimiser.metrics';

/**
 * Applies the bureau's minimisation policy to each consented event and emits the bureau's
 * minimised record, stamped with the policy that built it and the consent filter's decision time. A record missing a field its bureau
 * requires, or carrying it malformed, is dead-lettered with the field's path (never its value), and
 * the rejection is appended to the consent audit trail before the transaction commits, so `why`
 * says which stage and rule stopped a released event instead of "in flight". An event its bureau's
 * policy does not send (MinimisationPolicy.events) goes no further and is audited NOT_REPORTABLE
 * (the consent filter keeps those off the consented topic; this catches one released before it did).
 */
@Controller()
export class MinimiserStage implements Stage<ConsentedLoanEvent>, SettlementAware<ConsentedLoanEvent> {
  readonly name = 'minimiser';
  readonly inputTopics = [TOPICS.consentedLoanEvents];
  readonly outputTopics = Object.values(TOPICS.minimised);

  constructor(
    private readonly minimiser: Minimiser,
    private readonly metrics: MinimiserMetrics,
    private readonly audit: StageAuditTrail,
  ) {}

  @StageHandler(TOPICS.consentedLoanEvents)
  async process(records: readonly InputRecord<ConsentedLoanEvent>[]): Promise<readonly RecordOutcome[]> {
    return records.map(({ value }) => {
      const outcome = this.minimiser.minimise(value);
      if (outcome.kind === 'rejected') {
        this.metrics.rejected(outcome.bureau, outcome.error.problems);
        return fail(outcome.error);
      }
      if (outcome.kind === 'not-sent') {
        this.metrics.notSent(outcome.bureau);
        return emit();
      }
      this.metrics.minimised(outcome.bureau, outcome.withheld);
      const headers: Record<string, string> = { [MINIMISATION_HEADERS.policy]: outcome.policy, [HEADERS.decidedAt]: String(value.decidedAt.getTime()) };
      if (outcome.withheld.length > 0) headers[MINIMISATION_HEADERS.withheld] = outcome.withheld.join(',');
      return emit({ topic: outcome.topic, key: value.loanEvent.account.accountId, value: outcome.value, headers });
    });
  }

  async settled(records: readonly SettledRecord<ConsentedLoanEvent>[]): Promise<void> {
    await this.audit.record(
      records.flatMap(({ record, ...outcome }): ReleaseSettlement[] => {
        const eventId = record.value.loanEvent.eventId;
        const bureau = bureauOfCode(record.value.bureau);
        if ('failure' in outcome) return [{ eventId, bureau, rejected: { code: outcome.failure.code, ruleIds: outcome.failure.ruleIds } }];
        return outcome.outputs.length === 0 ? [{ eventId, bureau, notReportable: true }] : [];
      }),
    );
  }
}

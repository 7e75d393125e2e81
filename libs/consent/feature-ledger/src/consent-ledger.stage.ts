import { Controller, Inject } from '@nestjs/common';
import { bureauOfCode, TOPICS, type ConsentEvent } from '@furnish/shared-contracts';
import { borrowerRef } from '@furnish/consent-domain';
import { ConsentLedgerRepository, type AppendOutcome, type NewConsentEvent } from '@furnish/consent-data-access';
import { STAGE_RUNTIME_CONFIG, StageHandler } from '@furnish/shared-stage-runtime';
import type { ConsentLedgerConfig } from './consent-ledger.config';
import { emit, fail, type InputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';
import { FurnishError, isFurnishError } from '@furnish/shared-util-errors';
import { CONSENT_REJECT_REASONS, ConsentLedgerMetrics, type ConsentRejectReason } from './consent-ledger.metrics';

export class ConsentEventInvalidError extends FurnishError {
  declare readonly code: 'EVENT_INVALID';
  constructor(message: string) {
    super('EVENT_INVALID', message, 'dead-letter');
  }
}

export class ConsentKeyMismatchError extends FurnishError {
  declare readonly code: 'KEY_MISMATCH';
  constructor() {
    super('KEY_MISMATCH', 'record key must be the borrowerId (per-borrower ordering depends on it)', 'dead-letter');
  }
}

/** A (consent id, version) may be delivered again, but never with other content: a change needs a new version. */
export class ConsentVersionConflictError extends FurnishError {
  declare readonly code: 'CONSENT_VERSION_CONFLICT';
  constructor() {
    super(
      'CONSENT_VERSION_CONFLICT',
      'this consent id and version are already recorded with other content; publish a change as a new version',
      'dead-letter',
    );
  }
}

/**
 * Appends every valid consent event to the ledger, two database statements per chunk. An exact
 * replay of a recorded (consent id, version) is a no-op; the same pair with other content, or an
 * invalid event, is rejected to the DLQ with its reason and counted by action — never dropped in
 * silence. Publishes nothing: the filter reads the ledger.
 */
@Controller()
export class ConsentLedgerStage implements Stage<ConsentEvent> {
  readonly name = 'consent-ledger';
  readonly inputTopics = [TOPICS.consentEvents];
  readonly outputTopics = [];

  constructor(
    private readonly ledger: ConsentLedgerRepository,
    private readonly metrics: ConsentLedgerMetrics,
    @Inject(STAGE_RUNTIME_CONFIG) private readonly config: ConsentLedgerConfig,
  ) {}

  @StageHandler(TOPICS.consentEvents)
  async process(records: readonly InputRecord<ConsentEvent>[]): Promise<readonly RecordOutcome[]> {
    const outcomes: RecordOutcome[] = records.map((record) => {
      const problem = validate(record);
      return problem ? this.reject(record, problem) : emit();
    });
    const valid = records.filter((_, i) => !('failure' in outcomes[i]));
    const appended = await this.append(valid);
    valid.forEach((record, i) => {
      outcomes[records.indexOf(record)] = this.settle(record, appended[i]);
    });
    return outcomes;
  }

  private async append(records: readonly InputRecord<ConsentEvent>[]): Promise<AppendOutcome[]> {
    try {
      return await this.ledger.append(records.map((record) => toLedgerRow(record, borrowerRef(this.config.CONSENT_PSEUDONYM_KEY, record.value.borrowerId))));
    } catch (error) {
      // The runtime retries a failing chunk record by record and dead-letters the one at fault:
      // count it when this is that single record.
      if (records.length === 1 && isFurnishError(error) && error.disposition === 'dead-letter' && isRejectReason(error.code)) {
        this.metrics.rejected(records[0].value.action, error.code);
      }
      throw error;
    }
  }

  private settle(record: InputRecord<ConsentEvent>, outcome: AppendOutcome): RecordOutcome {
    switch (outcome) {
      case 'appended':
        this.metrics.recorded(record.value.action);
        return emit();
      case 'replayed':
        this.metrics.replayed(record.value.action);
        return emit();
      case 'conflicting':
        return this.reject(record, new ConsentVersionConflictError());
    }
  }

  private reject(record: InputRecord<ConsentEvent>, error: ConsentKeyMismatchError | ConsentEventInvalidError | ConsentVersionConflictError): RecordOutcome {
    this.metrics.rejected(record.value.action, error.code);
    return fail(error);
  }
}

/**
 * Longest identifiers and references the ledger stores (docs/event-contract.md). Without a bound a
 * compressible 200 KB consent id fits a PostgreSQL index and is stored (the chaos suite found it).
 */
export const CONSENT_FIELD_MAX_LENGTHS = { consentId: 128, borrowerId: 128, channel: 64, evidenceRef: 512 } as const;

export function validateConsentEvent({ key, value }: Pick<InputRecord<ConsentEvent>, 'key' | 'value'>): string | undefined {
  for (const [field, max] of Object.entries(CONSENT_FIELD_MAX_LENGTHS) as [keyof typeof CONSENT_FIELD_MAX_LENGTHS, number][]) {
    if (value[field].length > max) return `${field} must be at most ${max} characters, it has ${value[field].length}`;
  }
  if (key !== value.borrowerId) return 'record key must be the borrowerId (per-borrower ordering depends on it)';
  if (value.bureaus.length === 0) return 'bureaus must name at least one bureau';
  if (new Set(value.bureaus).size !== value.bureaus.length) return 'bureaus must not repeat a bureau';
  if (value.version < 1) return 'version must be 1 or more';
  if (value.expiresAt !== null && value.expiresAt.getTime() <= value.effectiveAt.getTime()) return 'expiresAt must be after effectiveAt';
  if (value.action === 'WITHDRAWN' && value.expiresAt !== null) return 'a withdrawal must not have expiresAt';
  if (value.action === 'INVALIDATED' && value.expiresAt !== null) return 'an invalidation must not have expiresAt';
  return undefined;
}

const isRejectReason = (code: string): code is ConsentRejectReason => (CONSENT_REJECT_REASONS as readonly string[]).includes(code);

/** A wrong key gets its own code (KEY_MISMATCH); every other rule of validateConsentEvent is EVENT_INVALID. */
function validate(record: InputRecord<ConsentEvent>): ConsentKeyMismatchError | ConsentEventInvalidError | undefined {
  if (record.key !== record.value.borrowerId) return new ConsentKeyMismatchError();
  const problem = validateConsentEvent(record);
  return problem ? new ConsentEventInvalidError(problem) : undefined;
}

function toLedgerRow({ value, topic, partition, offset }: InputRecord<ConsentEvent>, ref: string): NewConsentEvent {
  return {
    consentId: value.consentId,
    version: value.version,
    borrowerRef: ref,
    action: value.action,
    bureaus: value.bureaus.map(bureauOfCode),
    effectiveAt: value.effectiveAt,
    expiresAt: value.expiresAt,
    channel: value.channel,
    evidenceRef: value.evidenceRef,
    recordedAt: value.recordedAt,
    sourceTopic: topic,
    sourcePartition: partition,
    sourceOffset: offset,
  };
}

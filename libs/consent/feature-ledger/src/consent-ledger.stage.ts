import { Inject, Injectable } from '@nestjs/common';
import { bureauOfCode, TOPICS, type ConsentEvent } from '@furnish/shared-contracts';
import { borrowerRef } from '@furnish/consent-domain';
import { ConsentLedgerRepository, type NewConsentEvent } from '@furnish/consent-data-access';
import { STAGE_RUNTIME_CONFIG } from '@furnish/shared-stage-runtime';
import type { ConsentLedgerConfig } from './consent-ledger.config';
import { emit, fail, type InputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';
import { FurnishError } from '@furnish/shared-util-errors';

export class ConsentEventInvalidError extends FurnishError {
  constructor(message: string) {
    super('EVENT_INVALID', message, 'dead-letter');
  }
}

/**
 * Appends every valid consent event to the ledger, one database statement per chunk; replays are
 * ignored by (consent id, version). Publishes nothing: the filter reads the ledger.
 */
@Injectable()
export class ConsentLedgerStage implements Stage<ConsentEvent> {
  readonly name = 'consent-ledger';
  readonly inputTopics = [TOPICS.consentEvents];
  readonly outputTopics = [];

  constructor(
    private readonly ledger: ConsentLedgerRepository,
    @Inject(STAGE_RUNTIME_CONFIG) private readonly config: ConsentLedgerConfig,
  ) {}

  async process(records: readonly InputRecord<ConsentEvent>[]): Promise<readonly RecordOutcome[]> {
    const outcomes = records.map((record) => {
      const problem = validateConsentEvent(record);
      return problem ? fail(new ConsentEventInvalidError(problem)) : emit();
    });
    const valid = records.filter((_, i) => !('failure' in outcomes[i]));
    await this.ledger.append(valid.map((record) => toLedgerRow(record, borrowerRef(this.config.CONSENT_PSEUDONYM_KEY, record.value.borrowerId))));
    return outcomes;
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
  return undefined;
}

function toLedgerRow({ value, partition, offset }: InputRecord<ConsentEvent>, ref: string): NewConsentEvent {
  return {
    consentId: value.consentId,
    version: value.version,
    borrowerId: value.borrowerId,
    borrowerRef: ref,
    action: value.action,
    bureaus: value.bureaus.map(bureauOfCode),
    effectiveAt: value.effectiveAt,
    expiresAt: value.expiresAt,
    channel: value.channel,
    evidenceRef: value.evidenceRef,
    recordedAt: value.recordedAt,
    sourcePartition: partition,
    sourceOffset: offset,
  };
}

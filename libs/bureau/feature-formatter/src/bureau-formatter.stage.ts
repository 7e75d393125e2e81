import { Inject, Injectable } from '@nestjs/common';
import type { BureauFormatRegistry, FormattedRecord } from '@furnish/bureau-domain';
import {
  BUREAUS,
  TOPICS,
  bureauCodeOf,
  outboundRecordId,
  type Bureau,
  type ConsentRef,
  type OutboundRecord,
} from '@furnish/shared-contracts';
import { emit, fail, type InputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';
import { isFurnishError } from '@furnish/shared-util-errors';

export const BUREAU_FORMAT_REGISTRY = Symbol('BUREAU_FORMAT_REGISTRY');

/** The fields every minimised record has, whatever its bureau. */
interface MinimisedEnvelope {
  readonly eventId: string;
  readonly consent: ConsentRef;
  readonly account: { readonly accountId: string };
}

const BUREAU_BY_TOPIC = new Map<string, Bureau>(BUREAUS.map((bureau) => [TOPICS.minimised[bureau], bureau]));

/**
 * Formats each minimised record in its bureau's format, validated by the bureau's rules, and
 * publishes it in an OutboundRecord envelope whose id is derived from event, bureau and kind.
 */
@Injectable()
export class BureauFormatterStage implements Stage<MinimisedEnvelope> {
  readonly name = 'bureau-formatter';
  readonly inputTopics = Object.values(TOPICS.minimised);
  readonly outputTopics = Object.values(TOPICS.outbound);

  constructor(@Inject(BUREAU_FORMAT_REGISTRY) private readonly formats: BureauFormatRegistry) {}

  async process(records: readonly InputRecord<MinimisedEnvelope>[]): Promise<readonly RecordOutcome[]> {
    return records.map((record) => {
      const bureau = BUREAU_BY_TOPIC.get(record.topic) as Bureau;
      try {
        const formatted = this.formats[bureau].format(record.value as never);
        return emit(...formatted.map((f) => ({ topic: TOPICS.outbound[bureau], key: record.value.account.accountId, value: envelope(bureau, record.value, f), kind: f.recordKind })));
      } catch (error) {
        if (isFurnishError(error) && error.disposition === 'dead-letter') return fail(error);
        throw error;
      }
    });
  }
}

function envelope(bureau: Bureau, source: MinimisedEnvelope, formatted: FormattedRecord): OutboundRecord {
  return {
    recordId: outboundRecordId(source.eventId, bureau, formatted.recordKind),
    bureau: bureauCodeOf(bureau),
    recordKind: formatted.recordKind,
    reportDate: formatted.reportDate,
    sourceEventId: source.eventId,
    consentId: source.consent.consentId,
    consentVersion: source.consent.version,
    formatVersion: formatted.formatVersion,
    payload: formatted.payload,
    producedAt: new Date(),
  };
}

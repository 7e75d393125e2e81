import { Controller, Inject } from '@nestjs/common';
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
import { StageHandler } from '@furnish/shared-stage-runtime';
import { emit, fail, type InputRecord, type RecordOutcome, type SettledRecord, type SettlementAware, type Stage } from '@furnish/shared-stage-api';
import { ConsentReleaseGate, type ReleaseSettlement } from '@furnish/consent-release-gate';
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
 * publishes it in an OutboundRecord envelope whose id is derived from event, bureau and kind. It is
 * the last stage before the bureau, so it first re-checks consent (ConsentReleaseGate): a record
 * whose consent was withdrawn since the filter released it is withheld. What it finally publishes
 * or dead-letters is appended to the consent audit trail before its transaction commits.
 */
@Controller()
export class BureauFormatterStage implements Stage<MinimisedEnvelope>, SettlementAware<MinimisedEnvelope> {
  readonly name = 'bureau-formatter';
  readonly inputTopics = Object.values(TOPICS.minimised);
  readonly outputTopics = Object.values(TOPICS.outbound);
  /** Records of the chunk in progress the re-check withheld (audited by the gate already). */
  private readonly withheld = new WeakSet<InputRecord<MinimisedEnvelope>>();

  constructor(
    @Inject(BUREAU_FORMAT_REGISTRY) private readonly formats: BureauFormatRegistry,
    private readonly gate: ConsentReleaseGate,
  ) {}

  @StageHandler(Object.values(TOPICS.minimised))
  async process(records: readonly InputRecord<MinimisedEnvelope>[]): Promise<readonly RecordOutcome[]> {
    const verdicts = await this.gate.check(records.map((record) => ({ eventId: record.value.eventId, bureau: bureauOf(record) })));
    return records.map((record, i) => {
      if (!verdicts[i].release) {
        this.withheld.add(record);
        return emit();
      }
      const bureau = bureauOf(record);
      try {
        const formatted = this.formats[bureau].format(record.value as never);
        return emit(...formatted.map((f) => ({ topic: TOPICS.outbound[bureau], key: record.value.account.accountId, value: envelope(bureau, record.value, f), kind: f.recordKind })));
      } catch (error) {
        if (isFurnishError(error) && error.disposition === 'dead-letter') return fail(error);
        throw error;
      }
    });
  }

  async settled(records: readonly SettledRecord<MinimisedEnvelope>[]): Promise<void> {
    const settlements = records.flatMap((s): ReleaseSettlement[] => {
      const { eventId } = s.record.value;
      const bureau = bureauOf(s.record);
      if ('failure' in s) return [{ eventId, bureau, rejected: { code: s.failure.code, ruleIds: s.failure.ruleIds } }];
      if (s.outputs.length === 0) return this.withheld.has(s.record) ? [] : [{ eventId, bureau, notReportable: true }];
      return s.outputs.map((o) => {
        const out = o.value as OutboundRecord;
        return { eventId, bureau, published: { recordId: out.recordId, consentId: out.consentId, consentVersion: out.consentVersion } };
      });
    });
    await this.gate.settled(settlements);
  }
}

const bureauOf = (record: InputRecord<MinimisedEnvelope>): Bureau => BUREAU_BY_TOPIC.get(record.topic) as Bureau;

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

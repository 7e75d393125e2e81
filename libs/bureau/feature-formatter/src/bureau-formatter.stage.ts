import { Controller, Inject } from '@nestjs/common';
import type { BureauDeletionFormat, BureauFormatRegistry, FormattedRecord } from '@furnish/bureau-domain';
import {
  BUREAUS,
  TOPICS,
  bureauCodeOf,
  deletionRecordId,
  outboundRecordId,
  type Bureau,
  type ConsentEvent,
  type ConsentRef,
  type LocalDate,
  type OutboundRecord,
} from '@furnish/shared-contracts';
import { StageHandler } from '@furnish/shared-stage-runtime';
import { emit, fail, type InputRecord, type RecordOutcome, type SettledRecord, type SettlementAware, type Stage } from '@furnish/shared-stage-api';
import {
  ConsentInvalidation,
  ConsentReleaseGate,
  type DeletionSettlement,
  type FurnishedRecordRow,
  type InvalidationDelivery,
  type RecordToDelete,
  type ReleaseSettlement,
} from '@furnish/consent-release-gate';
import { isFurnishError } from '@furnish/shared-util-errors';

export const BUREAU_FORMAT_REGISTRY = Symbol('BUREAU_FORMAT_REGISTRY');
export const BUREAU_DELETION_REGISTRY = Symbol('BUREAU_DELETION_REGISTRY');
export type BureauDeletionRegistry = Readonly<Partial<Record<Bureau, BureauDeletionFormat>>>;

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
 *
 * It also reads the consent topic: for an INVALIDATED consent it sends each bureau its deletion of
 * every record published under that consent (ConsentInvalidation finds them in the audit), in the
 * same transaction as the consent event's offset, and audits each as DELETED → original record.
 */
@Controller()
export class BureauFormatterStage implements Stage<FormatterInput>, SettlementAware<FormatterInput> {
  readonly name = 'bureau-formatter';
  readonly inputTopics = [...Object.values(TOPICS.minimised), TOPICS.consentEvents];
  /** The ledger owns the consent topic and dead-letters what it cannot read; this stage skips it. */
  readonly observedTopics = [TOPICS.consentEvents];
  readonly outputTopics = Object.values(TOPICS.outbound);
  /** Records of the chunk in progress the re-check withheld (audited by the gate already). */
  private readonly withheld = new WeakSet<InputRecord<FormatterInput>>();
  /** Account keys of the records formatted in the chunk in progress, by record id. */
  private readonly accountKeys = new Map<string, { accountKey: string; outboundKey: string }>();
  /** The originals of the deletions formatted in the chunk in progress, by deletion record id. */
  private readonly deleting = new Map<string, { original: RecordToDelete; delivery: InvalidationDelivery }>();

  constructor(
    @Inject(BUREAU_FORMAT_REGISTRY) private readonly formats: BureauFormatRegistry,
    @Inject(BUREAU_DELETION_REGISTRY) private readonly deletions: BureauDeletionRegistry,
    private readonly gate: ConsentReleaseGate,
    private readonly invalidation: ConsentInvalidation,
  ) {}

  @StageHandler([...Object.values(TOPICS.minimised), TOPICS.consentEvents])
  async process(input: readonly InputRecord<FormatterInput>[]): Promise<readonly RecordOutcome[]> {
    this.accountKeys.clear();
    this.deleting.clear();
    const outcomes = new Map<InputRecord<FormatterInput>, RecordOutcome>();
    const consent = input.filter(isConsentRecord);
    for (const record of consent) outcomes.set(record, await this.processConsent(record));
    const minimised = input.filter((r): r is InputRecord<MinimisedEnvelope> => !isConsentRecord(r));
    (await this.processMinimised(minimised)).forEach((outcome, i) => outcomes.set(minimised[i], outcome));
    return input.map((record) => outcomes.get(record)!);
  }

  /** Grants and withdrawals are the ledger's business; an invalidation deletes what was furnished under it. */
  private async processConsent(record: InputRecord<ConsentEvent>): Promise<RecordOutcome> {
    if (record.value.action !== 'INVALIDATED') return emit();
    const { consentId, version } = record.value;
    const delivery: InvalidationDelivery = { consentId, version, partition: record.partition, offset: record.offset };
    const { toDelete } = await this.invalidation.recordsToDelete(delivery, (b) => this.deletions[b] !== undefined);
    const at = new Date();
    try {
      return emit(
        ...toDelete.map((original) => {
          const id = deletionRecordId(original.recordId);
          const formatted = this.deletions[original.bureau]!.deletion(original.key, id, at);
          this.deleting.set(id, { original, delivery });
          const value: OutboundRecord = {
            recordId: id,
            bureau: bureauCodeOf(original.bureau),
            recordKind: formatted.recordKind,
            reportDate: formatted.reportDate,
            sourceEventId: original.eventId,
            consentId: original.consentId,
            consentVersion: original.consentVersion,
            formatVersion: formatted.formatVersion,
            payload: formatted.payload,
            producedAt: at,
          };
          return { topic: TOPICS.outbound[original.bureau], key: original.key.outboundKey, value, kind: formatted.recordKind };
        }),
      );
    } catch (error) {
      if (isFurnishError(error) && error.disposition === 'dead-letter') return fail(error);
      throw error;
    }
  }

  private async processMinimised(records: readonly InputRecord<MinimisedEnvelope>[]): Promise<readonly RecordOutcome[]> {
    if (records.length === 0) return [];
    const verdicts = await this.gate.check(records.map((record) => ({ eventId: record.value.eventId, bureau: bureauOf(record) })));
    return records.map((record, i) => {
      if (!verdicts[i].release) {
        this.withheld.add(record);
        return emit();
      }
      const bureau = bureauOf(record);
      try {
        const formatted = this.formats[bureau].format(record.value as never);
        return emit(
          ...formatted.map((f) => {
            const value = envelope(bureau, record.value, f);
            if (f.accountKey !== undefined) this.accountKeys.set(value.recordId, { accountKey: f.accountKey, outboundKey: record.value.account.accountId });
            return { topic: TOPICS.outbound[bureau], key: record.value.account.accountId, value, kind: f.recordKind };
          }),
        );
      } catch (error) {
        if (isFurnishError(error) && error.disposition === 'dead-letter') return fail(error);
        throw error;
      }
    });
  }

  async settled(all: readonly SettledRecord<FormatterInput>[]): Promise<void> {
    const deletions = all
      .filter((s) => isConsentRecord(s.record) && 'outputs' in s)
      .flatMap((s) => ('outputs' in s ? s.outputs : []))
      .map((o): DeletionSettlement => ({ ...this.deleting.get((o.value as OutboundRecord).recordId)!, deletionRecordId: (o.value as OutboundRecord).recordId }));
    await this.invalidation.settled(deletions);
    const records = all.filter((s): s is SettledRecord<MinimisedEnvelope> => !isConsentRecord(s.record));
    const keys: FurnishedRecordRow[] = records.flatMap((s) =>
      'outputs' in s
        ? s.outputs.flatMap((o) => {
            const out = o.value as OutboundRecord;
            const keys = this.accountKeys.get(out.recordId);
            return keys === undefined ? [] : [{ recordId: out.recordId, bureau: bureauOf(s.record), recordKind: out.recordKind as FurnishedRecordRow['recordKind'], ...keys, reportDate: out.reportDate as LocalDate }];
          })
        : [],
    );
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
    const publishedUnder = settlements.flatMap((s) => ('published' in s ? [s.published.consentId] : []));
    await this.invalidation.publishUnlessInvalidated(publishedUnder, async (manager) => {
      await this.invalidation.recordFurnished(keys, manager);
      await this.gate.settled(settlements, manager);
    });
  }
}

type FormatterInput = MinimisedEnvelope | ConsentEvent;

const isConsentRecord = (record: InputRecord<FormatterInput>): record is InputRecord<ConsentEvent> => record.topic === TOPICS.consentEvents;

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

import { Controller, Inject } from '@nestjs/common';
import { outboundRecordOf, type BureauCorrectionRegistry, type BureauDeletionFormat, type BureauFormatRegistry, type FormattedRecord, type FurnishedRecordKey } from '@furnish/bureau-domain';
import {
  BUREAUS,
  TOPICS,
  bureauCodeOf,
  deletionRecordId,
  type Bureau,
  type ConsentEvent,
  type ConsentRef,
  type LocalDate,
  type OutboundRecord,
} from '@furnish/shared-contracts';
import { epochMillisHeader, HEADERS, StageHandler } from '@furnish/shared-stage-runtime';
import { emit, fail, type CommitAware, type InputRecord, type RecordOutcome, type SettledRecord, type SettlementAware, type Stage } from '@furnish/shared-stage-api';
import {
  ConsentInvalidation,
  ConsentReleaseGate,
  UpstreamCorrections,
  correctionKey,
  type CorrectionSettlement,
  type DeletionSettlement,
  type FurnishedRecordRow,
  type InvalidationDelivery,
  type RecordToDelete,
  type ReleaseSettlement,
  type SealedRecord,
} from '@furnish/consent-release-gate';
import { isFurnishError } from '@furnish/shared-util-errors';
import { PublishedRecordSealer } from './published-record.sealer';

export const BUREAU_FORMAT_REGISTRY = Symbol('BUREAU_FORMAT_REGISTRY');
export const BUREAU_DELETION_REGISTRY = Symbol('BUREAU_DELETION_REGISTRY');
export const BUREAU_CORRECTION_REGISTRY = Symbol('BUREAU_CORRECTION_REGISTRY');
export const BUREAU_RETRACTION_REGISTRY = Symbol('BUREAU_RETRACTION_REGISTRY');
export type BureauDeletionRegistry = Readonly<Partial<Record<Bureau, BureauDeletionFormat>>>;

/** The fields every minimised record has, whatever its bureau. */
interface MinimisedEnvelope {
  readonly eventId: string;
  readonly consent: ConsentRef;
  readonly account: { readonly accountId: string };
  /** Set on a correction or retraction (loan-event v3). */
  readonly corrects?: { readonly eventId: string; readonly kind: 'CORRECTION' | 'RETRACTION' } | null;
}

/** Why a correction or retraction released to a bureau sent it nothing (audited NOT_REPORTABLE with it). */
type NothingSent = 'ORIGINAL_NOT_FURNISHED' | 'DELETION_UNAVAILABLE';

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
 * A deletion that repeats the published record (Metro 2 DA) is built from the copy the formatter
 * sealed when it published the record (PublishedRecordSealer); the copy is erased with the DELETED row.
 *
 * A correction or retraction (loan-event v3 `corrects`) is sent as the bureau's correction or
 * deletion of each record the formatter published for the event it names to that bureau (in the
 * audit, or earlier in the same chunk): none when there is none (ORIGINAL_NOT_FURNISHED). It is
 * re-checked for consent like a correction (an invalidation withholds it, a withdrawal does not) and
 * audited CORRECTED / DELETED → original record (UpstreamCorrections).
 */
@Controller()
export class BureauFormatterStage implements Stage<FormatterInput>, SettlementAware<FormatterInput>, CommitAware<FormatterInput> {
  readonly name = 'bureau-formatter';
  readonly inputTopics = [...Object.values(TOPICS.minimised), TOPICS.consentEvents];
  /** The ledger owns the consent topic and dead-letters what it cannot read; this stage skips it. */
  readonly observedTopics = [TOPICS.consentEvents];
  readonly outputTopics = Object.values(TOPICS.outbound);
  /** Records of the chunk in progress the re-check withheld (audited by the gate already). */
  private readonly withheld = new WeakSet<InputRecord<FormatterInput>>();
  // What formatting an input record produced that `settled` still needs, by output record id. Kept per
  // input record, never per stage: chunks of several partitions are in flight at once, and one chunk's
  // `process` must not drop what another chunk's `settled` is about to read.
  /** Account keys (and sealed copies) of the records formatted from an input record. */
  private readonly accountKeys = new WeakMap<InputRecord<FormatterInput>, Map<string, { accountKey: string; outboundKey: string; sealed: SealedRecord | null }>>();
  /** The originals of the deletions an invalidation sends, by deletion record id. */
  private readonly deleting = new WeakMap<InputRecord<FormatterInput>, Map<string, { original: RecordToDelete; delivery: InvalidationDelivery }>>();
  /** The correction and retraction records of a correcting event, by record id. */
  private readonly correcting = new WeakMap<InputRecord<FormatterInput>, Map<string, CorrectionSettlement>>();
  /** Corrections of the chunk in progress that sent nothing, and why. */
  private readonly nothingSent = new WeakMap<InputRecord<FormatterInput>, NothingSent>();
  /**
   * Per input record (not per chunk: chunks of several partitions are in flight at once), the records
   * its deletions deleted, whose sealed copies `committed` erases once the deletions are on Kafka.
   */
  private readonly deletedBy = new WeakMap<InputRecord<FormatterInput>, readonly string[]>();
  /** Whether this process has swept the sealed copies its predecessors left after their deletions. */
  private swept = false;

  constructor(
    @Inject(BUREAU_FORMAT_REGISTRY) private readonly formats: BureauFormatRegistry,
    @Inject(BUREAU_DELETION_REGISTRY) private readonly deletions: BureauDeletionRegistry,
    private readonly gate: ConsentReleaseGate,
    private readonly invalidation: ConsentInvalidation,
    private readonly corrections: UpstreamCorrections,
    @Inject(BUREAU_CORRECTION_REGISTRY) private readonly correctionForms: BureauCorrectionRegistry,
    @Inject(BUREAU_RETRACTION_REGISTRY) private readonly retractionForms: BureauDeletionRegistry,
    private readonly sealer: PublishedRecordSealer,
  ) {}

  @StageHandler([...Object.values(TOPICS.minimised), TOPICS.consentEvents])
  async process(input: readonly InputRecord<FormatterInput>[]): Promise<readonly RecordOutcome[]> {
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
    const { toDelete } = await this.invalidation.recordsToDelete(delivery, (key) => canDelete(this.deletions[key.bureau], key));
    const at = new Date();
    try {
      return emit(
        ...toDelete.map((original) => {
          const id = deletionRecordId(original.recordId);
          const form = this.deletions[original.bureau]!;
          const formatted = form.deletion(this.deletionSource(form, original.key), id, at);
          perRecord(this.deleting, record).set(id, { original, delivery });
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
    const verdicts = await this.gate.check(
      records.map((record) => ({ eventId: record.value.eventId, bureau: bureauOf(record), correction: !!record.value.corrects, decidedAt: decidedAtOf(record) })),
    );
    const requests = records.flatMap((r, i) => (r.value.corrects && verdicts[i].release ? [{ correctionEventId: r.value.eventId, eventId: r.value.corrects.eventId, bureau: bureauOf(r) }] : []));
    const originals = await this.corrections.originals(requests);
    /** Records published earlier in this chunk, by (event, bureau): a correction right behind its original finds them here. */
    const publishedInChunk = new Map<string, FurnishedRecordRow[]>();
    return records.map((record, i) => {
      if (!verdicts[i].release) {
        this.withheld.add(record);
        return emit();
      }
      const bureau = bureauOf(record);
      try {
        const { corrects } = record.value;
        if (corrects) {
          const inChunk = publishedInChunk.get(correctionKey(corrects.eventId, bureau)) ?? [];
          const audited = originals.get(correctionKey(record.value.eventId, bureau)) ?? [];
          const known = [...audited, ...inChunk.filter((p) => !audited.some((a) => a.recordId === p.recordId))];
          return this.correct(record, bureau, corrects.kind, known);
        }
        const formatted = this.formats[bureau].format(record.value as never);
        return emit(
          ...formatted.map((f) => {
            const value = outboundRecordOf(bureau, record.value, f);
            if (f.accountKey !== undefined) {
              const sealed = this.keepsSealed(bureau) ? this.sealer.seal(value.recordId, f.payload) : null;
              const keys = { accountKey: f.accountKey, outboundKey: record.value.account.accountId, sealed };
              perRecord(this.accountKeys, record).set(value.recordId, keys);
              const key = correctionKey(record.value.eventId, bureau);
              publishedInChunk.set(key, [...(publishedInChunk.get(key) ?? []), { recordId: value.recordId, bureau, recordKind: f.recordKind, reportDate: f.reportDate, ...keys }]);
            }
            return { topic: TOPICS.outbound[bureau], key: record.value.account.accountId, value, kind: f.recordKind };
          }),
        );
      } catch (error) {
        if (isFurnishError(error) && error.disposition === 'dead-letter') return fail(error);
        throw error;
      }
    });
  }

  /** The bureau's correction (CORRECTION) or deletion (RETRACTION) of each published original, keyed like it. */
  private correct(record: InputRecord<MinimisedEnvelope>, bureau: Bureau, kind: 'CORRECTION' | 'RETRACTION', originals: readonly FurnishedRecordRow[]): RecordOutcome {
    const settlement = (originalRecordId: string, recordId: string): CorrectionSettlement => ({
      correctionEventId: record.value.eventId,
      bureau,
      kind,
      consentId: record.value.consent.consentId,
      consentVersion: record.value.consent.version,
      originalRecordId,
      recordId,
    });
    const at = new Date();
    const outputs: { original: FurnishedRecordRow; recordId: string; formatted: FormattedRecord }[] = [];
    if (kind === 'CORRECTION') {
      for (const c of this.correctionForms[bureau].correction(record.value as never, originals, record.value.eventId)) {
        outputs.push({ original: originals.find((o) => o.recordId === c.originalRecordId)!, recordId: c.recordId, formatted: c });
      }
    } else if (originals.length > 0) {
      const form = this.retractionForms[bureau];
      const deletable = originals.filter((original) => canDelete(form, original));
      // A bureau without a deletion form, or a record published before its sealed copy was kept: counted, never silent.
      if (deletable.length < originals.length) this.corrections.retractionUnavailable(bureau, originals.length - deletable.length);
      if (!form || deletable.length === 0) {
        this.nothingSent.set(record, 'DELETION_UNAVAILABLE');
        return emit();
      }
      for (const original of deletable) {
        const recordId = deletionRecordId(original.recordId);
        outputs.push({ original, recordId, formatted: form.deletion(this.deletionSource(form, original), recordId, at) });
      }
    }
    if (outputs.length === 0) {
      this.nothingSent.set(record, 'ORIGINAL_NOT_FURNISHED');
      return emit();
    }
    return emit(
      ...outputs.map(({ original, recordId, formatted }) => {
        perRecord(this.correcting, record).set(recordId, settlement(original.recordId, recordId));
        const value: OutboundRecord = { ...outboundRecordOf(bureau, record.value, formatted), recordId };
        return { topic: TOPICS.outbound[bureau], key: original.outboundKey, value, kind: formatted.recordKind };
      }),
    );
  }

  /** Whether this bureau's deletions repeat the published record, so it is kept sealed. */
  private keepsSealed(bureau: Bureau): boolean {
    return this.deletions[bureau]?.builtFrom === 'published-record' || this.retractionForms[bureau]?.builtFrom === 'published-record';
  }

  /** What `form` builds the deletion from: the keys, with the published record opened from its sealed copy when the form repeats it. */
  private deletionSource(form: BureauDeletionFormat, key: FurnishedRecordRow): FurnishedRecordKey {
    return form.builtFrom === 'published-record' ? { ...key, publishedRecord: this.sealer.open(key.recordId, key.sealed!) } : key;
  }

  async settled(all: readonly SettledRecord<FormatterInput>[]): Promise<void> {
    const deletions: DeletionSettlement[] = [];
    for (const s of all) {
      if (!isConsentRecord(s.record) || !('outputs' in s)) continue;
      const own = s.outputs.map((o): DeletionSettlement => ({ ...this.deleting.get(s.record)!.get((o.value as OutboundRecord).recordId)!, deletionRecordId: (o.value as OutboundRecord).recordId }));
      this.deletedBy.set(s.record, own.map((d) => d.original.recordId));
      deletions.push(...own);
    }
    await this.invalidation.settled(deletions);
    const records = all.filter((s): s is SettledRecord<MinimisedEnvelope> => !isConsentRecord(s.record));
    const corrected: CorrectionSettlement[] = [];
    for (const s of records) {
      if (!('outputs' in s) || !s.record.value.corrects) continue;
      const own = s.outputs.map((o) => this.correcting.get(s.record)!.get((o.value as OutboundRecord).recordId)!);
      this.deletedBy.set(s.record, own.filter((c) => c.kind === 'RETRACTION').map((c) => c.originalRecordId));
      corrected.push(...own);
    }
    await this.corrections.settled(corrected);
    const keys: FurnishedRecordRow[] = records.flatMap((s) =>
      'outputs' in s
        ? s.outputs.flatMap((o) => {
            const out = o.value as OutboundRecord;
            const keys = this.accountKeys.get(s.record)?.get(out.recordId);
            return keys === undefined ? [] : [{ recordId: out.recordId, bureau: bureauOf(s.record), recordKind: out.recordKind as FurnishedRecordRow['recordKind'], ...keys, reportDate: out.reportDate as LocalDate }];
          })
        : [],
    );
    const settlements = records.flatMap((s): ReleaseSettlement[] => {
      const { eventId } = s.record.value;
      const bureau = bureauOf(s.record);
      if ('failure' in s) return [{ eventId, bureau, rejected: { code: s.failure.code, ruleIds: s.failure.ruleIds } }];
      if (s.outputs.length === 0) {
        if (this.withheld.has(s.record)) return [];
        const reason = this.nothingSent.get(s.record);
        return [reason ? { eventId, bureau, notReportable: true, reason } : { eventId, bureau, notReportable: true }];
      }
      // Corrections and retractions are audited CORRECTED / DELETED above, never as published reports.
      if (s.record.value.corrects) return [];
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

  /**
   * After the chunk's Kafka transaction: the deletions it sent are on the outbound topics, so the
   * sealed copies they were built from are erased (not in `settled`: a retry of an uncommitted chunk
   * builds the same Metro 2 DA from them). The first time in a process it also erases copies whose
   * deletion is older than SEALED_COPY_GRACE_MS, which a stopped predecessor may have left behind.
   */
  async committed(all: readonly SettledRecord<FormatterInput>[]): Promise<void> {
    await this.invalidation.eraseSealedCopies(all.flatMap((s) => this.deletedBy.get(s.record) ?? []));
    if (this.swept) return;
    this.swept = true;
    await this.invalidation.eraseSealedCopiesDeletedBefore(new Date(Date.now() - SEALED_COPY_GRACE_MS));
  }
}

type FormatterInput = MinimisedEnvelope | ConsentEvent;

/** The entries of one input record in one of the stage's per-record maps, created on first use. */
function perRecord<V>(map: WeakMap<InputRecord<FormatterInput>, Map<string, V>>, record: InputRecord<FormatterInput>): Map<string, V> {
  let entries = map.get(record);
  if (!entries) map.set(record, (entries = new Map()));
  return entries;
}

/**
 * How long a sealed copy may outlive the DELETED row of its record before the start-up sweep erases it:
 * longer than any retry of an uncommitted chunk could take (a broker outage included).
 */
const SEALED_COPY_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** Whether `form` can delete the record: one built from the published record needs its sealed copy. */
const canDelete = (form: BureauDeletionFormat | undefined, key: FurnishedRecordRow): boolean =>
  form !== undefined && (form.builtFrom === 'keys' || (key.sealed !== null && key.sealed !== undefined));

const isConsentRecord = (record: InputRecord<FormatterInput>): record is InputRecord<ConsentEvent> => record.topic === TOPICS.consentEvents;

const bureauOf = (record: InputRecord<MinimisedEnvelope>): Bureau => BUREAU_BY_TOPIC.get(record.topic) as Bureau;

/** The consent filter's decision time the minimiser put on the record; undefined on one without it (re-driven, or minimised before the header). */
function decidedAtOf(record: InputRecord<unknown>): Date | undefined {
  const millis = epochMillisHeader(record.headers.text(HEADERS.decidedAt));
  return millis === undefined ? undefined : new Date(millis);
}

import {
  bureauCodeOf,
  outboundRecordId,
  type Bureau,
  type LocalDate,
  type MinimisedBaihangRecord,
  type MinimisedMetro2Record,
  type MinimisedPbocCrcRecord,
  type OutboundRecord,
  type RecordKind,
} from '@furnish/shared-contracts';

/** One record in its bureau's format, ready to travel in an OutboundRecord. */
export interface FormattedRecord {
  readonly recordKind: RecordKind;
  /** The date the record is stated for (PBOC RptDate, Metro 2 DateAccountInformation). */
  readonly reportDate: LocalDate;
  readonly payload: string;
  readonly formatVersion: string;
  /**
   * The bureau's identifier of the account the record is about, as the record states it (PBOC
   * AcctCode, Baihang loanId/creditId, Metro 2 ConsumerAccountNumber): what a later deletion or
   * correction names; kept in furnished_record when set (every bureau sets it).
   */
  readonly accountKey?: string;
}

/**
 * The OutboundRecord that carries a formatted record of an event: its id derived from event, bureau
 * and kind (outboundRecordId), the consent that authorised the event, produced now.
 */
export function outboundRecordOf(
  bureau: Bureau,
  source: { readonly eventId: string; readonly consent: { readonly consentId: string; readonly version: number } },
  formatted: FormattedRecord,
  producedAt: Date = new Date(),
): OutboundRecord {
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
    producedAt,
  };
}

/** What Furnish keeps of a published record so its deletion can be built without its payload. */
export interface FurnishedRecordKey {
  readonly recordId: string;
  readonly recordKind: RecordKind;
  readonly accountKey: string;
  readonly reportDate: LocalDate;
  /**
   * The published record itself, opened from its sealed copy, for a deletion form built from it
   * (`builtFrom: 'published-record'`, the Metro 2 DA); absent for every other form.
   */
  readonly publishedRecord?: string;
}

/**
 * A bureau's deletion form: the record that asks the bureau to delete what an earlier record
 * reported (consent found invalid, event retracted). Validated by the bureau's rules like any
 * record; throws RecordInvalidError when it breaks one.
 */
export interface BureauDeletionFormat {
  readonly bureau: Bureau;
  /**
   * What it is built from: the record's keys (PBOC 214/213, Baihang opCode D), or the published
   * record itself (Metro 2 DA repeats the account's identification), which Furnish keeps sealed.
   */
  readonly builtFrom: 'keys' | 'published-record';
  deletion(original: FurnishedRecordKey, deletionRecordId: string, at: Date): FormattedRecord;
}

/** A record that corrects one published record (loan-event v3 correction), with its own id. */
export interface CorrectionRecord extends FormattedRecord {
  /** The OutboundRecord id: derived from the original record id and the correction event (correctionRecordId). */
  readonly recordId: string;
  /** The published record it corrects. */
  readonly originalRecordId: string;
}

/**
 * A bureau's correction form (loan-event v3): from the corrected event's minimised record, the
 * records that correct each published original — PBOC 212 by segment, Baihang opCode M, Metro 2 a
 * Base segment with CorrectionIndicator 1. The corrected record is built and validated exactly as
 * an original would be, then the correction form is validated too; throws RecordInvalidError when
 * either breaks a rule.
 */
export interface BureauCorrectionFormat<R> {
  readonly bureau: Bureau;
  correction(record: R, originals: readonly FurnishedRecordKey[], correctionEventId: string): readonly CorrectionRecord[];
}

/** The correction form of bureau B, typed by the record it takes. */
export type BureauCorrectionFormatOf<B extends Bureau> = BureauCorrectionFormat<MinimisedRecordByBureau[B]> & { readonly bureau: B };
export type BureauCorrectionRegistry = { readonly [B in Bureau]: BureauCorrectionFormatOf<B> };

/**
 * A bureau's formatter: builds the records one minimised event requires (none, one or several),
 * validates each with the same rules the submission-file validator uses, and throws
 * RecordInvalidError listing every violation when any record breaks one.
 */
export interface BureauFormat<R> {
  readonly bureau: Bureau;
  format(record: R): readonly FormattedRecord[];
}

/** What the minimiser hands each bureau's formatter. */
export interface MinimisedRecordByBureau {
  readonly 'pboc-crc': MinimisedPbocCrcRecord;
  readonly baihang: MinimisedBaihangRecord;
  readonly metro2: MinimisedMetro2Record;
}

/** The formatter of bureau B, typed by the record it takes. */
export type BureauFormatOf<B extends Bureau> = BureauFormat<MinimisedRecordByBureau[B]> & { readonly bureau: B };

/** One formatter per bureau, keyed by bureau id; see @furnish/bureau-formats for the instance. */
export type BureauFormatRegistry = { readonly [B in Bureau]: BureauFormatOf<B> };

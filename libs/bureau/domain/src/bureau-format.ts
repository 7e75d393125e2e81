import type {
  Bureau,
  LocalDate,
  MinimisedBaihangRecord,
  MinimisedMetro2Record,
  MinimisedPbocCrcRecord,
  RecordKind,
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
   * AcctCode, Baihang loanId/creditId): what a later deletion names. Set by bureaus with a
   * deletion form (BureauDeletionFormat).
   */
  readonly accountKey?: string;
}

/** What Furnish keeps of a published record so its deletion can be built without its payload. */
export interface FurnishedRecordKey {
  readonly recordId: string;
  readonly recordKind: RecordKind;
  readonly accountKey: string;
  readonly reportDate: LocalDate;
}

/**
 * A bureau's deletion form: the record that asks the bureau to delete what an earlier record
 * reported (consent found invalid). Validated by the bureau's rules like any record; throws
 * RecordInvalidError when it breaks one.
 */
export interface BureauDeletionFormat {
  readonly bureau: Bureau;
  deletion(original: FurnishedRecordKey, deletionRecordId: string, at: Date): FormattedRecord;
}

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

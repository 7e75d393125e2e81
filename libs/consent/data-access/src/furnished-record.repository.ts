import type { DataSource, EntityManager } from 'typeorm';
import type { Bureau, LocalDate, RecordKind } from '@furnish/shared-contracts';
import { FurnishError } from '@furnish/shared-util-errors';
import { withDatabase } from './database-errors';

/**
 * Advisory lock class of the per-consent publish/deletion lock (the second key is hashtext(consent id)).
 * Distinct from the migration lock (a single bigint key, 727_001), which has class 0.
 */
const CONSENT_PUBLISH_LOCK_CLASS = 727_002;

/**
 * A record's consent was invalidated after its release-time re-check passed and before it was
 * published: nothing of the chunk is committed, and its retry withholds the record at the re-check.
 */
export class ConsentInvalidatedDuringReleaseError extends FurnishError {
  constructor() {
    super('CONSENT_INVALIDATED_DURING_RELEASE', 'a consent of the chunk was invalidated after its release-time re-check; the chunk is retried and its records withheld', 'retry');
    this.name = 'ConsentInvalidatedDuringReleaseError';
  }
}

/**
 * A published record kept sealed (envelope-encrypted by the formatter, which alone holds the key
 * ring) because its deletion repeats it: the Metro 2 Base segment a DA is built from.
 */
export interface SealedRecord {
  readonly bytes: Buffer;
  /** The id of the key-encryption key it is sealed under (also named inside `bytes`). */
  readonly keyId: string;
}

/**
 * What the formatter keeps of a record it published: the keys its deletion names and, only where
 * the deletion repeats the record (Metro 2), the record sealed.
 */
export interface FurnishedRecordRow {
  readonly recordId: string;
  readonly bureau: Bureau;
  readonly recordKind: RecordKind;
  /** The bureau's account identifier as the record stated it (PBOC AcctCode, Baihang loanId). */
  readonly accountKey: string;
  /** The original's Kafka key (the lender's account id): the deletion goes to the same partition, after it. */
  readonly outboundKey: string;
  readonly reportDate: LocalDate;
  /** Null when nothing is kept sealed: another bureau, a record published before sealed copies were kept, or one already deleted. */
  readonly sealed?: SealedRecord | null;
}

/** A record the audit says was published under a consent, with its keys when they were kept. */
export interface PublishedUnderConsent {
  readonly eventId: string;
  readonly bureau: Bureau;
  readonly recordId: string;
  readonly consentId: string;
  readonly consentVersion: number;
  /** Null for records published before keys were kept, or by a bureau without a deletion form. */
  readonly key: FurnishedRecordRow | null;
}

interface PublishedRaw {
  event_id: string;
  bureau: Bureau;
  record_id: string;
  consent_id: string;
  consent_version: number;
  record_kind: RecordKind | null;
  account_key: string | null;
  outbound_key: string | null;
  report_date: string | null;
  sealed_record: Buffer | null;
  sealed_key_id: string | null;
}

/** Whether any of the consents in $1 was invalidated: through consent_event_invalidated_idx, which holds invalidations only. */
export const ANY_INVALIDATED = `SELECT 1 FROM consent_event WHERE consent_id = ANY($1) AND action = 'INVALIDATED' LIMIT 1`;

/**
 * The keys of published records, and the audit queries the deletions of an invalidated consent
 * need (docs/consent.md, "Consent found invalid").
 */
export class FurnishedRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `publish` (the audit rows and keys of the records a chunk publishes) in one transaction that
   * holds a shared per-consent lock for each of `consentIds` and first checks that none of them has
   * been invalidated; if one has, throws ConsentInvalidatedDuringReleaseError and writes nothing.
   * Together with `awaitPublishersOf` this closes the window between a record's release-time re-check
   * and its PUBLISHED row: a deletion pass either sees the row, or the row is never written.
   */
  async publishUnlessInvalidated(consentIds: readonly string[], publish: (manager: EntityManager) => Promise<void>): Promise<void> {
    const unique = [...new Set(consentIds)];
    await withDatabase(() =>
      this.dataSource.transaction(async (manager) => {
        if (unique.length > 0) {
          // Shared locks never wait for each other, and the exclusive holder (a deletion pass) waits for
          // nothing while holding it, so no order of acquisition can deadlock.
          await manager.query(`SELECT pg_advisory_xact_lock_shared($1, hashtext(id)) FROM unnest($2::text[]) AS id`, [CONSENT_PUBLISH_LOCK_CLASS, unique]);
          const invalidated: unknown[] = await manager.query(ANY_INVALIDATED, [unique]);
          if (invalidated.length > 0) throw new ConsentInvalidatedDuringReleaseError();
        }
        await publish(manager);
      }),
    );
  }

  /**
   * Returns once every transaction publishing under `consentId` that began before this call has
   * committed or rolled back (they hold the shared lock this takes exclusively). Called by a
   * deletion pass after the ledger recorded the invalidation: any later publisher sees it and refuses.
   */
  async awaitPublishersOf(consentId: string): Promise<void> {
    await withDatabase(() =>
      this.dataSource.transaction((manager) => manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CONSENT_PUBLISH_LOCK_CLASS, consentId])),
    );
  }

  /**
   * Keeps the keys (and sealed copies) of published records; a record published again (a retried
   * chunk) keeps its first row.
   */
  async record(rows: readonly FurnishedRecordRow[], furnishedAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (rows.length === 0) return;
    const document = rows.map((r) => ({ ...r, sealed: r.sealed ? r.sealed.bytes.toString('base64') : null, sealedKeyId: r.sealed?.keyId ?? null }));
    await withDatabase(() =>
      manager.query(
        `INSERT INTO furnished_record (record_id, bureau, record_kind, account_key, outbound_key, report_date, furnished_at, sealed_record, sealed_key_id)
         SELECT "recordId", bureau, "recordKind", "accountKey", "outboundKey", "reportDate"::date, $2::timestamptz, decode(sealed, 'base64'), "sealedKeyId"
           FROM json_to_recordset($1::json) AS r("recordId" text, bureau text, "recordKind" text, "accountKey" text, "outboundKey" text, "reportDate" text, sealed text, "sealedKeyId" text)
         ON CONFLICT (record_id) DO NOTHING`,
        [JSON.stringify(document), furnishedAt],
      ),
    );
  }

  /** Erases the sealed copies of records whose deletion was sent: nothing needs them any more. */
  async eraseSealed(recordIds: readonly string[]): Promise<void> {
    if (recordIds.length === 0) return;
    await withDatabase(() =>
      this.dataSource.query(`UPDATE furnished_record SET sealed_record = NULL, sealed_key_id = NULL WHERE record_id = ANY($1) AND sealed_record IS NOT NULL`, [recordIds]),
    );
  }

  /** Erases the sealed copies of records with a DELETED audit row older than `cutoff`; returns how many. */
  async eraseSealedOfDeletedBefore(cutoff: Date): Promise<number> {
    const [, erased]: [unknown, number] = await withDatabase(() =>
      this.dataSource.query(
        `UPDATE furnished_record f SET sealed_record = NULL, sealed_key_id = NULL
           FROM consent_decision d
          WHERE d.original_record_id = f.record_id AND d.decision = 'DELETED' AND d.decided_at < $1 AND f.sealed_record IS NOT NULL`,
        [cutoff],
      ),
    );
    return erased;
  }

  /**
   * Every record the audit says the formatter PUBLISHED under any version of `consentId`, once per
   * record id (a retried chunk may have audited one twice), oldest first.
   */
  async publishedUnder(consentId: string): Promise<PublishedUnderConsent[]> {
    const rows: PublishedRaw[] = await withDatabase(() =>
      this.dataSource.query(
        `SELECT DISTINCT ON (d.record_id) d.event_id, d.bureau, d.record_id, d.consent_id, d.consent_version,
                f.record_kind, f.account_key, f.outbound_key, to_char(f.report_date, 'YYYY-MM-DD') AS report_date, f.sealed_record, f.sealed_key_id
           FROM consent_decision d
           LEFT JOIN furnished_record f ON f.record_id = d.record_id
          WHERE d.consent_id = $1 AND d.stage = 'bureau-formatter' AND d.decision = 'PUBLISHED'
          ORDER BY d.record_id, d.id`,
        [consentId],
      ),
    );
    return rows.map(toPublished);
  }

  /**
   * For each correction or retraction (loan-event v3), the records the formatter PUBLISHED for the
   * event it names to its bureau, with their keys, once each: those a DELETED row of another event
   * deleted since (an invalidation, an earlier retraction) left out, while the correction's own
   * DELETED rows do not hide them, so a retried chunk derives the same records again.
   */
  async publishedForCorrections(corrections: readonly { correctionEventId: string; eventId: string; bureau: Bureau }[]): Promise<(PublishedUnderConsent & { correctionEventId: string })[]> {
    if (corrections.length === 0) return [];
    const rows: (PublishedRaw & { correction_event_id: string })[] = await withDatabase(() =>
      this.dataSource.query(
        `SELECT DISTINCT ON (r."correctionEventId", d.record_id) r."correctionEventId" AS correction_event_id, d.event_id, d.bureau, d.record_id, d.consent_id, d.consent_version,
                f.record_kind, f.account_key, f.outbound_key, to_char(f.report_date, 'YYYY-MM-DD') AS report_date, f.sealed_record, f.sealed_key_id
           FROM json_to_recordset($1::json) AS r("correctionEventId" text, "eventId" text, bureau text)
           JOIN consent_decision d ON d.event_id = r."eventId" AND d.bureau = r.bureau AND d.stage = 'bureau-formatter' AND d.decision = 'PUBLISHED'
           LEFT JOIN furnished_record f ON f.record_id = d.record_id
          WHERE NOT EXISTS (SELECT 1 FROM consent_decision x WHERE x.original_record_id = d.record_id AND x.decision = 'DELETED' AND x.event_id <> r."correctionEventId")
          ORDER BY r."correctionEventId", d.record_id, d.id`,
        [JSON.stringify(corrections)],
      ),
    );
    return rows.map((r) => ({ ...toPublished(r), correctionEventId: r.correction_event_id }));
  }

  /**
   * The original record ids among `recordIds` whose deletion is already in the audit, each with the
   * consent-topic position ({partition: offset}) of the invalidation that deleted it.
   */
  async deletionsAudited(recordIds: readonly string[]): Promise<Map<string, string>> {
    if (recordIds.length === 0) return new Map();
    const rows: { original_record_id: string; position: string }[] = await withDatabase(() =>
      this.dataSource.query(
        `SELECT DISTINCT ON (original_record_id) original_record_id, coalesce(ledger_position::text, '') AS position
           FROM consent_decision WHERE decision = 'DELETED' AND original_record_id = ANY($1) ORDER BY original_record_id, id`,
        [recordIds],
      ),
    );
    return new Map(rows.map((r) => [r.original_record_id, r.position]));
  }

  /**
   * Where the ledger recorded (consentId, version) on the consent topic, or null when it holds no
   * such event (the ledger dead-lettered it): a delivery elsewhere is a duplicate of the recorded one.
   */
  async ledgerPositionOf(consentId: string, version: number): Promise<{ partition: number; offset: string; action: string } | null> {
    const rows: { source_partition: number; source_offset: string; action: string }[] = await withDatabase(() =>
      this.dataSource.query(`SELECT source_partition, source_offset::text AS source_offset, action FROM consent_event WHERE consent_id = $1 AND version = $2`, [consentId, version]),
    );
    return rows.length === 0 ? null : { partition: rows[0].source_partition, offset: rows[0].source_offset, action: rows[0].action };
  }
}

function toPublished(r: PublishedRaw): PublishedUnderConsent {
  return {
    eventId: r.event_id,
    bureau: r.bureau,
    recordId: r.record_id,
    consentId: r.consent_id,
    consentVersion: r.consent_version,
    key:
      r.record_kind && r.account_key && r.outbound_key && r.report_date
        ? {
            recordId: r.record_id,
            bureau: r.bureau,
            recordKind: r.record_kind,
            accountKey: r.account_key,
            outboundKey: r.outbound_key,
            reportDate: r.report_date as LocalDate,
            sealed: r.sealed_record && r.sealed_key_id ? { bytes: r.sealed_record, keyId: r.sealed_key_id } : null,
          }
        : null,
  };
}

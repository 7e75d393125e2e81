import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 (performance): the filter wrote three audit rows per loan event, one per bureau, and those
 * rows were most of PostgreSQL's work per event (docs/performance.md, sixth and seventh sessions). It
 * now writes a RELEASED row only for each release sent on (the release-time re-check reads those, and a
 * formatter of the previous version still finds them during a rollout), and one row per event whose
 * `decisions` column holds its other decisions — withheld, released but not sent, duplicate — each as
 * `[bureau, decision, reason, consent id, consent version]`; bureau and decision are null on that row.
 *
 * Whatever reads the filter's decisions, or an event's whole trail, reads `consent_decision_entry`: one
 * entry per (event, bureau) decision, as the table held before. A row of any other stage, and a filter
 * row written before this migration, is an entry as it is; a row with `decisions` is expanded into its
 * bureaus' entries (`entry` orders them within it). So old trails and new ones read alike, and no row is
 * rewritten (the table stays append-only). Queries for rows of later stages only (PUBLISHED, DELETED,
 * CORRECTED: never a document) may keep reading the table and its partial indexes.
 *
 * The CHECKs keep the document to what the per-bureau CHECKs hold rows to: a known decision (never
 * RELEASED, which keeps its own row), a consent on a release not sent, a reason on a withholding.
 */
export class OneFilterRowPerEvent1765800000000 implements MigrationInterface {
  name = 'OneFilterRowPerEvent1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_decision ADD COLUMN decisions jsonb`);
    await queryRunner.query(`ALTER TABLE consent_decision ALTER COLUMN bureau DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE consent_decision ALTER COLUMN decision DROP NOT NULL`);
    // NOT VALID: every row already there has no document and a bureau and decision (they were NOT NULL), so
    // both CHECKs hold for it; validating would scan every partition while holding the lock that stops
    // the running stages' audit inserts. New rows are checked all the same.
    await queryRunner.query(
      `ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_entry_or_document_check
         CHECK (CASE WHEN decisions IS NULL THEN bureau IS NOT NULL AND decision IS NOT NULL
                     ELSE bureau IS NULL AND decision IS NULL AND reason IS NULL AND consent_id IS NULL AND consent_version IS NULL
                          AND record_id IS NULL AND original_record_id IS NULL
                          AND stage = 'consent-filter' AND jsonb_typeof(decisions) = 'array' AND jsonb_array_length(decisions) > 0 END) NOT VALID`,
    );
    // Comparing values of different types is "unknown" in jsonpath, which a filter does not select, so
    // each position's type is checked first; the version must fit the integer column the view casts it to.
    await queryRunner.query(
      `ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_document_entries_check
         CHECK (decisions IS NULL OR NOT jsonb_path_exists(decisions, 'strict $[*] ? (@.type() != "array" || @.size() != 5
           || @[0].type() != "string" || @[1].type() != "string"
           || !(@[2].type() == "null" || @[2].type() == "string")
           || !(@[3].type() == "null" || @[3].type() == "string")
           || !(@[4].type() == "null" || (@[4].type() == "number" && @[4] == @[4].floor() && @[4] >= 0 && @[4] <= 2147483647))
           || !(@[1] == "WITHHELD" || @[1] == "NOT_REPORTABLE" || @[1] == "DUPLICATE")
           || (@[1] == "NOT_REPORTABLE" && (@[3].type() != "string" || @[4].type() != "number"))
           || (@[1] == "WITHHELD" && @[2].type() != "string"))')) NOT VALID`,
    );
    // One scan of the table: a row without a document is one entry as it is (the lateral join yields
    // nothing, so its columns stand); a row with one is an entry per element. The CHECKs keep a
    // document row's own bureau, decision, reason and consent null, so coalesce picks the element's.
    await queryRunner.query(`
      CREATE VIEW consent_decision_entry AS
        SELECT d.id, coalesce(e.entry, 1) AS entry, d.event_id, coalesce(e.v->>0, d.bureau) AS bureau, d.stage,
               coalesce(e.v->>1, d.decision) AS decision, coalesce(e.v->>2, d.reason) AS reason,
               coalesce(e.v->>3, d.consent_id) AS consent_id, coalesce((e.v->>4)::int, d.consent_version) AS consent_version,
               d.record_id, d.original_record_id, d.borrower_ref, d.account_ref, d.event_occurred_at, d.decided_at, d.ledger_position
          FROM consent_decision d
          LEFT JOIN LATERAL jsonb_array_elements(d.decisions) WITH ORDINALITY AS e(v, entry) ON true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows in the one-per-event shape cannot go back into a table whose bureau and decision are NOT NULL.
    const [{ documents }]: { documents: number }[] = await queryRunner.query(`SELECT count(*)::int AS documents FROM consent_decision WHERE decisions IS NOT NULL`);
    if (documents > 0) throw new Error(`consent_decision holds ${documents} filter rows with a decisions document; they cannot be migrated down`);
    await queryRunner.query(`DROP VIEW consent_decision_entry`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_document_entries_check`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_entry_or_document_check`);
    await queryRunner.query(`ALTER TABLE consent_decision ALTER COLUMN decision SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE consent_decision ALTER COLUMN bureau SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP COLUMN decisions`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger keeps only the keyed borrower reference: the raw borrower id column goes, and the table
 * is rewritten so the dropped values do not linger in its pages (DROP COLUMN alone only hides them).
 * Nothing raw is backfilled anywhere. Rows without a reference cannot be kept pseudonymously without
 * the key, so the migration refuses to run while any exist.
 */
export class PseudonymousLedger1765000000000 implements MigrationInterface {
  name = 'PseudonymousLedger1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ missing }]: { missing: number }[] = await queryRunner.query(`SELECT count(*)::int AS missing FROM consent_event WHERE borrower_ref IS NULL`);
    if (missing > 0) {
      throw new Error(
        `consent_event has ${missing} rows without borrower_ref; fill them with the pseudonym key (docs/operations.md, "Pseudonym key") before this migration`,
      );
    }
    await queryRunner.query(`DROP VIEW consent_state`);
    await queryRunner.query(`DROP INDEX consent_event_borrower_idx`);
    await queryRunner.query(`ALTER TABLE consent_event DROP COLUMN borrower_id`);
    await queryRunner.query(`ALTER TABLE consent_event ALTER COLUMN borrower_ref SET NOT NULL`);
    await queryRunner.query(`DROP INDEX consent_event_borrower_ref_idx`);
    await queryRunner.query(`CREATE INDEX consent_event_borrower_ref_idx ON consent_event (borrower_ref, source_partition, source_offset)`);
    // A full rewrite (CLUSTER takes a name, so it may run in the migration's transaction) writes
    // every row anew with the dropped column null.
    await queryRunner.query(`CLUSTER consent_event USING consent_event_pkey`);
    await queryRunner.query(`
      CREATE VIEW consent_state AS
      SELECT DISTINCT ON (e.borrower_ref, b.bureau)
             e.borrower_ref, b.bureau, e.action, e.consent_id, e.version, e.effective_at, e.expires_at, e.received_at
        FROM consent_event e CROSS JOIN LATERAL unnest(e.bureaus) AS b(bureau)
       ORDER BY e.borrower_ref, b.bureau, e.effective_at DESC, e.version DESC, e.consent_id DESC`);
  }

  async down(): Promise<void> {
    throw new Error('PseudonymousLedger1765000000000 cannot be reverted: the raw borrower ids are gone by design');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pseudonymous borrower references, an index for reading the ledger by topic position (the
 * filter's cache follows the ledger that way), and the decision table: the audit trail, one row per
 * (loan event, bureau), without payload.
 */
export class BorrowerRefAndDecisions1763990000000 implements MigrationInterface {
  name = 'BorrowerRefAndDecisions1763990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_event ADD COLUMN borrower_ref text`);
    await queryRunner.query(`CREATE INDEX consent_event_borrower_ref_idx ON consent_event (borrower_ref)`);
    await queryRunner.query(`CREATE INDEX consent_event_position_idx ON consent_event (source_partition, source_offset)`);
    await queryRunner.query(`
      CREATE TABLE consent_decision (
        event_id          text        NOT NULL,
        bureau            text        NOT NULL,
        borrower_ref      text        NOT NULL,
        decision          text        NOT NULL CHECK (decision IN ('RELEASED', 'WITHHELD')),
        reason            text        CHECK (reason IN ('NO_CONSENT', 'NOT_YET_EFFECTIVE', 'EXPIRED', 'WITHDRAWN')),
        consent_id        text,
        consent_version   integer,
        event_occurred_at timestamptz NOT NULL,
        decided_at        timestamptz NOT NULL,
        ledger_position   jsonb       NOT NULL,
        PRIMARY KEY (event_id, bureau),
        CHECK ((decision = 'RELEASED') = (consent_id IS NOT NULL AND reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX consent_decision_borrower_ref_idx ON consent_decision (borrower_ref, decided_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consent_decision`);
    await queryRunner.query(`DROP INDEX consent_event_position_idx`);
    await queryRunner.query(`DROP INDEX consent_event_borrower_ref_idx`);
    await queryRunner.query(`ALTER TABLE consent_event DROP COLUMN borrower_ref`);
  }
}

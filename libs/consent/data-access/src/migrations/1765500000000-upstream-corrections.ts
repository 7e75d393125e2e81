import type { MigrationInterface, QueryRunner } from 'typeorm';

const DECISIONS = ['RELEASED', 'WITHHELD', 'DUPLICATE', 'WITHHELD_AT_RELEASE', 'PUBLISHED', 'NOT_REPORTABLE', 'REJECTED', 'DELETED'];

/**
 * Issue 15 point 1 (upstream corrections and retractions, loan-event v3): the audit gains CORRECTED
 * rows — a correction record sent to a bureau (record_id) for a published record of the corrected
 * event (original_record_id), reason EVENT_CORRECTED — beside the DELETED rows a retraction writes
 * (reason EVENT_RETRACTED). An index finds an original's correction and deletion rows by its record id.
 */
export class UpstreamCorrections1765500000000 implements MigrationInterface {
  name = 'UpstreamCorrections1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_decision_check`);
    await queryRunner.query(
      `ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_decision_check CHECK (decision IN (${[...DECISIONS, 'CORRECTED'].map((d) => `'${d}'`).join(', ')}))`,
    );
    await queryRunner.query(
      `ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_corrected_check CHECK (decision <> 'CORRECTED' OR (record_id IS NOT NULL AND original_record_id IS NOT NULL AND reason IS NOT NULL))`,
    );
    await queryRunner.query(`CREATE INDEX consent_decision_original_record_idx ON consent_decision (original_record_id) WHERE original_record_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX consent_decision_original_record_idx`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_corrected_check`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_decision_check`);
    await queryRunner.query(`ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_decision_check CHECK (decision IN (${DECISIONS.map((d) => `'${d}'`).join(', ')}))`);
  }
}

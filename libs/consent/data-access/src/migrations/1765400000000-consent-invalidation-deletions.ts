import type { MigrationInterface, QueryRunner } from 'typeorm';

const DECISIONS = ['RELEASED', 'WITHHELD', 'DUPLICATE', 'WITHHELD_AT_RELEASE', 'PUBLISHED', 'NOT_REPORTABLE', 'REJECTED'];

/**
 * Issue 15 point 2 (consent found invalid):
 * - the ledger accepts INVALIDATED consent events;
 * - the audit gains DELETED rows (a deletion record sent to a bureau) linked to the record they
 *   delete (`original_record_id`), so `why` shows PUBLISHED … → DELETED;
 * - `furnished_record` keeps, per published record, the keys a bureau's deletion names (record
 *   kind, report date, the bureau's account key — AcctCode, loanId — and the record's Kafka key, the
 *   lender's account id: never a borrower's identity), so a deletion is built and keyed like the
 *   original without re-reading any payload (docs/consent.md,
 *   "Consent found invalid").
 * The CHECK constraints are found by their definition: their names differ between databases
 * created before and after the append-only migration renamed the table.
 */
export class ConsentInvalidationDeletions1765400000000 implements MigrationInterface {
  name = 'ConsentInvalidationDeletions1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dropChecks(queryRunner, 'consent_event', `%action%WITHDRAWN%`);
    await queryRunner.query(`ALTER TABLE consent_event ADD CONSTRAINT consent_event_action_check CHECK (action IN ('GRANTED', 'WITHDRAWN', 'INVALIDATED'))`);
    await dropChecks(queryRunner, 'consent_decision', `%decision%NOT_REPORTABLE%`);
    await queryRunner.query(`ALTER TABLE consent_decision ADD COLUMN original_record_id text`);
    await queryRunner.query(
      `ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_decision_check CHECK (decision IN (${[...DECISIONS, 'DELETED'].map((d) => `'${d}'`).join(', ')}))`,
    );
    await queryRunner.query(
      `ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_deleted_check CHECK (decision <> 'DELETED' OR (record_id IS NOT NULL AND original_record_id IS NOT NULL AND reason IS NOT NULL))`,
    );
    await queryRunner.query(`CREATE INDEX consent_decision_published_consent_idx ON consent_decision (consent_id) WHERE decision IN ('PUBLISHED', 'DELETED')`);
    await queryRunner.query(`
      CREATE TABLE furnished_record (
        record_id    text        PRIMARY KEY,
        bureau       text        NOT NULL,
        record_kind  text        NOT NULL,
        account_key  text        NOT NULL,
        outbound_key text        NOT NULL,
        report_date  date        NOT NULL,
        furnished_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE furnished_record`);
    await queryRunner.query(`DROP INDEX consent_decision_published_consent_idx`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_deleted_check`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP CONSTRAINT consent_decision_decision_check`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP COLUMN original_record_id`);
    await queryRunner.query(`ALTER TABLE consent_decision ADD CONSTRAINT consent_decision_decision_check CHECK (decision IN (${DECISIONS.map((d) => `'${d}'`).join(', ')}))`);
    await queryRunner.query(`ALTER TABLE consent_event DROP CONSTRAINT consent_event_action_check`);
    await queryRunner.query(`ALTER TABLE consent_event ADD CONSTRAINT consent_event_action_check CHECK (action IN ('GRANTED', 'WITHDRAWN'))`);
  }
}

async function dropChecks(queryRunner: QueryRunner, table: string, definitionLike: string): Promise<void> {
  const rows: { conname: string }[] = await queryRunner.query(
    `SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE $2`,
    [table, definitionLike],
  );
  for (const { conname } of rows) await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT "${conname}"`);
}

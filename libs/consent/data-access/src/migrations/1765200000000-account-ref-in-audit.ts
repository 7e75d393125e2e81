import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (coverage): the filter's audit rows name the account (a pseudonymous reference, like the
 * borrower's), so the coverage report counts accounts with activity and accounts furnished, which
 * is how bureaus and regulators measure coverage. Rows decided before stay without one (NULL); the
 * report counts them apart. Adding a nullable column rewrites no row, so the append-only trigger is
 * not involved.
 */
export class AccountRefInAudit1765200000000 implements MigrationInterface {
  name = 'AccountRefInAudit1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_decision ADD COLUMN account_ref text`);
    // The report reads one month of events: decisions come after the events they decide, so the
    // month's events are found from the month's first decision partition on.
    await queryRunner.query(`CREATE INDEX consent_decision_occurred_idx ON consent_decision (event_occurred_at) WHERE stage = 'consent-filter'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX consent_decision_occurred_idx`);
    await queryRunner.query(`ALTER TABLE consent_decision DROP COLUMN account_ref`);
  }
}

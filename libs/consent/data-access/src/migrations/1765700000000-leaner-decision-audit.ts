import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 (performance): every audit row updated two indexes no query needs, and the filter writes
 * three rows per loan event (one per bureau). Without them the filter's audit INSERT took 23% less time
 * over whole bench runs (pg_stat_statements, two alternating runs each on the 2-core bench machine:
 * 13.3 and 11.5 s before, 10.2 and 8.8 s after, for 141,000 rows; docs/performance.md).
 *
 * - `consent_decision_borrower_ref_idx` (borrower_ref, decided_at): no query reads the audit by
 *   borrower. `why` finds an event's rows by event id and the borrower's consents in the ledger.
 * - `consent_decision_occurred_idx` (event_occurred_at, filter rows only): the coverage report reads
 *   every row decided since the start of its month anyway (to join each event's later rows), and took
 *   the same time without it (~1 s for 211,000 rows, both ways). It also tempted the planner into
 *   reading it whole beside the event-id lookups (see OF_EVENTS in consent-decision.repository.ts).
 */
export class LeanerDecisionAudit1765700000000 implements MigrationInterface {
  name = 'LeanerDecisionAudit1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX consent_decision_borrower_ref_idx`);
    await queryRunner.query(`DROP INDEX consent_decision_occurred_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX consent_decision_occurred_idx ON consent_decision (event_occurred_at) WHERE stage = 'consent-filter'`);
    await queryRunner.query(`CREATE INDEX consent_decision_borrower_ref_idx ON consent_decision (borrower_ref, decided_at)`);
  }
}

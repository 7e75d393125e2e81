import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau-formatter asks, for every chunk it publishes, whether any of the chunk's consents was
 * invalidated (FurnishedRecordRepository.publishUnlessInvalidated). Invalidations are rare, so with
 * `LIMIT 1` and statistics older than the table the planner bet on a sequential scan finding one
 * early, and read the whole ledger instead (20 ms per chunk at 200,000 consent events, growing with
 * the ledger). This index holds invalidations only: tiny, and the plan no longer depends on the
 * statistics being fresh.
 */
export class InvalidationLookup1765510000000 implements MigrationInterface {
  name = 'InvalidationLookup1765510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX consent_event_invalidated_idx ON consent_event (consent_id) WHERE action = 'INVALIDATED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX consent_event_invalidated_idx`);
  }
}

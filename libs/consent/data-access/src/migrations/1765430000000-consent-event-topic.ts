import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consent ledger records the topic of each event, not only its partition and offset. The
 * filter's change feed asks "what did the ledger record at or after offset N of partition P"; when
 * two pipelines with different topic prefixes share a database (a benchmark or chaos run beside the
 * stack's services), rows of the other topic answered it, moved its position past offsets its own
 * topic had not reached, and a withdrawal recorded later below that position was never applied to
 * the filter's cache. Rows recorded before this migration are taken to be the contract topic's.
 */
export class ConsentEventTopic1765430000000 implements MigrationInterface {
  name = 'ConsentEventTopic1765430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_event ADD COLUMN source_topic text NOT NULL DEFAULT 'lending.consent-events.v1'`);
    await queryRunner.query(`ALTER TABLE consent_event ALTER COLUMN source_topic DROP DEFAULT`);
    await queryRunner.query(`DROP INDEX consent_event_position_idx`);
    await queryRunner.query(`CREATE INDEX consent_event_position_idx ON consent_event (source_topic, source_partition, source_offset)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX consent_event_position_idx`);
    await queryRunner.query(`CREATE INDEX consent_event_position_idx ON consent_event (source_partition, source_offset)`);
    await queryRunner.query(`ALTER TABLE consent_event DROP COLUMN source_topic`);
  }
}

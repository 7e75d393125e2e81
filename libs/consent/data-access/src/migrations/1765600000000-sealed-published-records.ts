import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (Metro 2 deletions): a Metro 2 DA repeats the account's full identification as the Base
 * segment stated it, so the formatter keeps the published Base segment sealed — envelope-encrypted
 * under its own key ring (FURNISHED_RECORD_KEK_FILE), bound to the record id — until the DA is sent,
 * then erases it in the transaction of the DELETED audit row. `sealed_key_id` repeats the id the
 * sealed value names, so rotation can tell which rows still need an old key without opening any.
 * Rows published before this migration stay NULL: their deletion is counted as unavailable.
 */
export class SealedPublishedRecords1765600000000 implements MigrationInterface {
  name = 'SealedPublishedRecords1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE furnished_record ADD COLUMN sealed_record bytea, ADD COLUMN sealed_key_id text`);
    await queryRunner.query(`ALTER TABLE furnished_record ADD CONSTRAINT furnished_record_sealed_key_check CHECK ((sealed_record IS NULL) = (sealed_key_id IS NULL))`);
    await queryRunner.query(`CREATE INDEX furnished_record_sealed_key_idx ON furnished_record (sealed_key_id) WHERE sealed_key_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX furnished_record_sealed_key_idx`);
    await queryRunner.query(`ALTER TABLE furnished_record DROP CONSTRAINT furnished_record_sealed_key_check`);
    await queryRunner.query(`ALTER TABLE furnished_record DROP COLUMN sealed_key_id, DROP COLUMN sealed_record`);
  }
}

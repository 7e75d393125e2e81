import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (point 4): who opened or re-drove which dead letter, when, and where to. Dead letters
 * are sealed (their values hold borrowers' data), so every decryption by an operator (`npm run dlq
 * -- show`) and every re-drive is recorded here, append-only like the decision audit. A re-drive is
 * recorded before it publishes (REDRIVE_STARTED) and again with where it landed (REDRIVEN) or why
 * it did not (REDRIVE_FAILED), so a crash between the two leaves a visible, unfinished re-drive.
 * Self-contained: its own table, function and trigger, nothing shared with other migrations.
 */
export class DeadLetterAccessAudit1765310000000 implements MigrationInterface {
  name = 'DeadLetterAccessAudit1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dead_letter_access (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        action           text        NOT NULL CHECK (action IN ('SHOWN', 'REDRIVE_STARTED', 'REDRIVEN', 'REDRIVE_FAILED')),
        operator         text        NOT NULL,
        at               timestamptz NOT NULL DEFAULT now(),
        dlq_topic        text        NOT NULL,
        dlq_partition    integer     NOT NULL,
        dlq_offset       bigint      NOT NULL,
        stage            text        NOT NULL,
        error_code       text        NOT NULL,
        source_topic     text        NOT NULL,
        source_partition integer     NOT NULL,
        source_offset    bigint      NOT NULL,
        key_id           text,
        event_id         text,
        redrive_id       uuid,
        target_topic     text,
        target_partition integer,
        target_offset    bigint,
        key_replaced     boolean     NOT NULL DEFAULT false,
        detail           text,
        CHECK (action = 'SHOWN' OR (redrive_id IS NOT NULL AND target_topic IS NOT NULL)),
        CHECK (action <> 'REDRIVEN' OR (target_partition IS NOT NULL AND target_offset IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX dead_letter_access_event_idx ON dead_letter_access (event_id) WHERE event_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX dead_letter_access_letter_idx ON dead_letter_access (dlq_topic, dlq_partition, dlq_offset)`);
    await queryRunner.query(`
      CREATE FUNCTION dead_letter_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'dead_letter_access is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER dead_letter_access_append_only BEFORE UPDATE OR DELETE ON dead_letter_access
      FOR EACH ROW EXECUTE FUNCTION dead_letter_access_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letter_access`);
    await queryRunner.query(`DROP FUNCTION dead_letter_access_append_only()`);
  }
}

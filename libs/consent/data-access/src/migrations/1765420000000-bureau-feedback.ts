import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (point 3): bureau feedback reconciled to a state per outbound record.
 *
 * - `bureau_feedback_file`: every feedback file imported — bureau, form, name, SHA-256 of its bytes
 *   (unique: importing the same file again changes nothing), who imported it and when.
 * - `bureau_record_state`: what feedback (or a later record) did to an outbound record: ACCEPTED,
 *   REJECTED with the bureau's codes, RESENT naming the record that superseded it. SENT is not stored:
 *   the audit's PUBLISHED row says it. Record ids and codes only — no payload, no account number. Each
 *   code is stored with the rule text Furnish's table gave it at import (what the operator was told)
 *   and its metric label (the code, or `other` outside the table), so reports need no bureau code.
 *
 * Both append-only (a trigger refuses UPDATE and DELETE). Self-contained: its own tables, function
 * and triggers, nothing shared with other migrations.
 */
export class BureauFeedback1765420000000 implements MigrationInterface {
  name = 'BureauFeedback1765420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE bureau_feedback_file (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        bureau       text        NOT NULL CHECK (bureau IN ('pboc-crc', 'baihang', 'metro2')),
        form         text        NOT NULL CHECK (form IN ('pboc-crc-feedback', 'rejection-list')),
        file_name    text        NOT NULL UNIQUE,
        digest       text        NOT NULL UNIQUE CHECK (digest ~ '^[0-9a-f]{64}$'),
        record_count integer     NOT NULL CHECK (record_count >= 0),
        operator     text        NOT NULL,
        imported_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE bureau_record_state (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_id     text        NOT NULL,
        bureau        text        NOT NULL CHECK (bureau IN ('pboc-crc', 'baihang', 'metro2')),
        state         text        NOT NULL CHECK (state IN ('ACCEPTED', 'REJECTED', 'RESENT')),
        codes         text[]      NOT NULL DEFAULT '{}',
        rules         text[]      NOT NULL DEFAULT '{}',
        code_labels   text[]      NOT NULL DEFAULT '{}',
        file_id       bigint      REFERENCES bureau_feedback_file (id),
        file_line     integer,
        superseded_by text,
        operator      text        NOT NULL,
        at            timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'REJECTED') = (cardinality(codes) > 0)),
        CHECK (cardinality(rules) = cardinality(codes) AND cardinality(code_labels) = cardinality(codes)),
        CHECK (state = 'RESENT' OR (file_id IS NOT NULL AND file_line IS NOT NULL)),
        CHECK ((state = 'RESENT') = (superseded_by IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX bureau_record_state_record_idx ON bureau_record_state (record_id, id)`);
    await queryRunner.query(`CREATE INDEX bureau_record_state_rejected_idx ON bureau_record_state (bureau, record_id) WHERE state = 'REJECTED'`);
    await queryRunner.query(`
      CREATE FUNCTION bureau_feedback_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['bureau_feedback_file', 'bureau_record_state']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION bureau_feedback_append_only()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bureau_record_state`);
    await queryRunner.query(`DROP TABLE bureau_feedback_file`);
    await queryRunner.query(`DROP FUNCTION bureau_feedback_append_only()`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsentLedger1763900000000 implements MigrationInterface {
  name = 'CreateConsentLedger1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE consent_event (
        consent_id       text        NOT NULL,
        version          integer     NOT NULL CHECK (version > 0),
        borrower_id      text        NOT NULL,
        action           text        NOT NULL CHECK (action IN ('GRANTED', 'WITHDRAWN')),
        bureaus          text[]      NOT NULL CHECK (cardinality(bureaus) > 0),
        effective_at     timestamptz NOT NULL,
        expires_at       timestamptz,
        channel          text        NOT NULL,
        evidence_ref     text        NOT NULL,
        recorded_at      timestamptz NOT NULL,
        source_partition integer     NOT NULL,
        source_offset    bigint      NOT NULL,
        received_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consent_id, version)
      )`);
    await queryRunner.query(`CREATE INDEX consent_event_borrower_idx ON consent_event (borrower_id, effective_at)`);
    // Append-only is enforced by the database, not only by our code.
    await queryRunner.query(`
      CREATE FUNCTION consent_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consent_event is append-only: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON consent_event
      FOR EACH ROW EXECUTE FUNCTION consent_event_is_append_only()`);
    // Current state per (borrower, bureau): the latest event by effective time, then version.
    await queryRunner.query(`
      CREATE VIEW consent_state AS
      SELECT DISTINCT ON (e.borrower_id, b.bureau)
             e.borrower_id, b.bureau, e.action, e.consent_id, e.version, e.effective_at, e.expires_at, e.received_at
        FROM consent_event e CROSS JOIN LATERAL unnest(e.bureaus) AS b(bureau)
       ORDER BY e.borrower_id, b.bureau, e.effective_at DESC, e.version DESC, e.consent_id DESC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW consent_state`);
    await queryRunner.query(`DROP TABLE consent_event`);
    await queryRunner.query(`DROP FUNCTION consent_event_is_append_only()`);
  }
}

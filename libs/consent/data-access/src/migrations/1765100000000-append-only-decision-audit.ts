import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 (part A): decisions become an append-only audit, partitioned by decision month so
 * retention drops whole partitions, and a loan event is claimed once by its event id.
 *
 * - `consent_decision` keeps every decision ever made about an (event, bureau) — by the filter, by
 *   the formatter at release, a duplicate suppressed, a dead letter — and refuses UPDATE and DELETE
 *   like `consent_event` does.
 * - `loan_event_claim` is the idempotency key: one row per event id, written in the same transaction
 *   as the decisions (INSERT … ON CONFLICT), so two deliveries of one event id cannot both be
 *   decided, whichever partition or replica they reach. It is not partitioned by date: PostgreSQL
 *   enforces a unique key on a partitioned table only per partition, which would let a redelivery
 *   in a later month through (docs/consent.md, "Idempotency at scale").
 */
export class AppendOnlyDecisionAudit1765100000000 implements MigrationInterface {
  name = 'AppendOnlyDecisionAudit1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_decision RENAME TO consent_decision_before_audit`);
    await queryRunner.query(`ALTER INDEX consent_decision_borrower_ref_idx RENAME TO consent_decision_before_audit_borrower_ref_idx`);
    await queryRunner.query(`
      CREATE TABLE consent_decision (
        id                bigint GENERATED ALWAYS AS IDENTITY,
        event_id          text        NOT NULL,
        bureau            text        NOT NULL,
        stage             text        NOT NULL CHECK (stage IN ('consent-filter', 'minimiser', 'bureau-formatter', 'submission')),
        decision          text        NOT NULL CHECK (decision IN ('RELEASED', 'WITHHELD', 'DUPLICATE', 'WITHHELD_AT_RELEASE', 'PUBLISHED', 'NOT_REPORTABLE', 'REJECTED')),
        reason            text,
        consent_id        text,
        consent_version   integer,
        record_id         text,
        borrower_ref      text,
        event_occurred_at timestamptz,
        decided_at        timestamptz NOT NULL,
        ledger_position   jsonb,
        PRIMARY KEY (decided_at, id),
        CHECK (decision <> 'RELEASED' OR (consent_id IS NOT NULL AND reason IS NULL)),
        CHECK (decision NOT IN ('WITHHELD', 'WITHHELD_AT_RELEASE', 'REJECTED') OR reason IS NOT NULL),
        CHECK (decision <> 'PUBLISHED' OR record_id IS NOT NULL)
      ) PARTITION BY RANGE (decided_at)`);
    // Monthly partitions: retention detaches and drops the oldest (docs/operations.md). The default
    // partition only catches a month nobody created in time, so an insert never fails for that.
    await queryRunner.query(`
      CREATE FUNCTION consent_decision_add_partitions(first_month date, months integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        m date;
        created integer := 0;
      BEGIN
        FOR i IN 0 .. months - 1 LOOP
          m := date_trunc('month', first_month)::date + make_interval(months => i);
          IF to_regclass(format('consent_decision_%s', to_char(m, 'YYYY_MM'))) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF consent_decision FOR VALUES FROM (%L) TO (%L)',
                           format('consent_decision_%s', to_char(m, 'YYYY_MM')), m, m + interval '1 month');
            created := created + 1;
          END IF;
        END LOOP;
        RETURN created;
      END $$`);
    await queryRunner.query(`CREATE TABLE consent_decision_default PARTITION OF consent_decision DEFAULT`);
    await queryRunner.query(`SELECT consent_decision_add_partitions((date_trunc('month', now()) - interval '1 month')::date, 26)`);
    await queryRunner.query(`CREATE INDEX consent_decision_event_idx ON consent_decision (event_id, bureau)`);
    await queryRunner.query(`CREATE INDEX consent_decision_borrower_ref_idx ON consent_decision (borrower_ref, decided_at)`);
    await queryRunner.query(`
      CREATE FUNCTION consent_decision_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consent_decision is append-only: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER consent_decision_append_only BEFORE UPDATE OR DELETE ON consent_decision
      FOR EACH ROW EXECUTE FUNCTION consent_decision_is_append_only()`);
    await queryRunner.query(`
      INSERT INTO consent_decision (event_id, bureau, stage, decision, reason, consent_id, consent_version, borrower_ref, event_occurred_at, decided_at, ledger_position)
      SELECT event_id, bureau, 'consent-filter', decision, reason, consent_id, consent_version, borrower_ref, event_occurred_at, decided_at, ledger_position
        FROM consent_decision_before_audit`);

    await queryRunner.query(`
      CREATE TABLE loan_event_claim (
        event_id         text        PRIMARY KEY,
        source_partition integer     NOT NULL,
        source_offset    bigint      NOT NULL,
        claimed_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX loan_event_claim_claimed_at_idx ON loan_event_claim (claimed_at)`);
    // Events decided before this migration: their position is unknown (-1), so any later delivery is a duplicate.
    await queryRunner.query(`
      INSERT INTO loan_event_claim (event_id, source_partition, source_offset, claimed_at)
      SELECT event_id, -1, -1, min(decided_at) FROM consent_decision_before_audit GROUP BY event_id`);
    await queryRunner.query(`DROP TABLE consent_decision_before_audit`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE loan_event_claim`);
    await queryRunner.query(`DROP TABLE consent_decision`);
    await queryRunner.query(`DROP FUNCTION consent_decision_is_append_only()`);
    await queryRunner.query(`DROP FUNCTION consent_decision_add_partitions(date, integer)`);
    await queryRunner.query(`
      CREATE TABLE consent_decision (
        event_id text NOT NULL, bureau text NOT NULL, borrower_ref text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('RELEASED', 'WITHHELD')),
        reason text CHECK (reason IN ('NO_CONSENT', 'NOT_YET_EFFECTIVE', 'EXPIRED', 'WITHDRAWN')),
        consent_id text, consent_version integer, event_occurred_at timestamptz NOT NULL, decided_at timestamptz NOT NULL,
        ledger_position jsonb NOT NULL, PRIMARY KEY (event_id, bureau),
        CHECK ((decision = 'RELEASED') = (consent_id IS NOT NULL AND reason IS NULL)))`);
    await queryRunner.query(`CREATE INDEX consent_decision_borrower_ref_idx ON consent_decision (borrower_ref, decided_at)`);
  }
}

import type { AuditEntry } from '@furnish/consent-domain';

/**
 * One entry of the consent audit trail compliance reads (view `consent_decision_entry`): one decision
 * about an (event, bureau) — the filter's, a suppressed duplicate, the formatter's release or
 * withholding, a dead letter — so the last entry says what became of it. No payload: ids, a
 * pseudonymous borrower reference, outcomes.
 *
 * The table underneath, `consent_decision`, is append-only (a trigger refuses UPDATE and DELETE) and
 * partitioned by decision month. The filter writes a row per release it sends on and one row per loan
 * event holding its other bureaus' decisions; the view expands that row into one entry per bureau, so
 * entries of one row share its id and `entry` orders them (OneFilterRowPerEvent1765800000000).
 */
export interface ConsentDecisionEntry extends AuditEntry {
  readonly id: string;
  /** Position within its row: 1 for a row of one entry, the bureau's place in a filter row's document. */
  readonly entry: number;
  readonly eventId: string;
  readonly originalRecordId: string | null;
  readonly borrowerRef: string | null;
  /** Pseudonymous account reference (filter entries; null before the audit recorded accounts). */
  readonly accountRef: string | null;
  readonly eventOccurredAt: Date | null;
  /** The ledger's next offset per consent-topic partition when the decision was made. */
  readonly ledgerPosition: Readonly<Record<string, string>> | null;
}

/** The columns of `consent_decision_entry` as a ConsentDecisionEntry, in SQL. */
export const CONSENT_DECISION_ENTRY_COLUMNS = `id, entry::int AS "entry", event_id AS "eventId", bureau, stage, decision, reason,
  consent_id AS "consentId", consent_version AS "consentVersion", record_id AS "recordId", original_record_id AS "originalRecordId",
  borrower_ref AS "borrowerRef", account_ref AS "accountRef", event_occurred_at AS "eventOccurredAt", decided_at AS "decidedAt", ledger_position AS "ledgerPosition"`;

import type { DataSource, EntityManager } from 'typeorm';
import { withDatabase } from './database-errors';

/** A record's bureau state as stored (migration BureauFeedback1765420000000); SENT is the absence of one. */
export type StoredBureauState = 'ACCEPTED' | 'REJECTED' | 'RESENT';
export type FeedbackBureauState = 'SENT' | StoredBureauState;

export interface FeedbackFileMeta {
  readonly bureau: string;
  readonly form: 'pboc-crc-feedback' | 'rejection-list';
  readonly fileName: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly digest: string;
  readonly operator: string;
}

export interface FeedbackStateRow {
  readonly line: number;
  readonly recordId: string;
  readonly bureau: string;
  readonly state: 'ACCEPTED' | 'REJECTED';
  readonly codes: readonly string[];
  /** Per code, in order: the rule it names, and its metric label (the code or `other`). */
  readonly rules: readonly string[];
  readonly codeLabels: readonly string[];
}

export type FeedbackImportResult =
  | { readonly kind: 'imported'; readonly fileId: string; readonly records: number; readonly rejected: number }
  | { readonly kind: 'already-imported'; readonly fileId: string; readonly importedAt: Date; readonly operator: string };

/** A step in a record's bureau history, oldest first. */
export interface RecordStateEntry {
  readonly recordId: string;
  readonly bureau: string;
  readonly state: StoredBureauState;
  readonly codes: readonly string[];
  readonly rules: readonly string[];
  readonly supersededBy: string | null;
  readonly fileName: string | null;
  readonly fileLine: number | null;
  readonly operator: string;
  readonly at: Date;
}

/** Refused before anything is written: the same name with other content, or the decision threw. */
export class FeedbackImportConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedbackImportConflictError';
  }
}

/** Any fixed number: imports and re-send reconciliations run one at a time, so two files cannot both answer one record. */
const FEEDBACK_LOCK_ID = 727_015;

interface EntryRaw {
  record_id: string;
  bureau: string;
  state: StoredBureauState;
  codes: string[];
  rules: string[];
  superseded_by: string | null;
  file_name: string | null;
  file_line: number | null;
  operator: string;
  at: Date;
}

const ENTRY_COLUMNS = `s.record_id, s.bureau, s.state, s.codes, s.rules, s.superseded_by, f.file_name, s.file_line, s.operator, s.at`;

/** Bureau feedback per outbound record: append and read, never change. */
export class BureauFeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Imports one file in one transaction, all or nothing. The file is recognised by its digest: the
   * same bytes again change nothing and return `already-imported`. Under an advisory lock (imports
   * are serialised), `decide` gets the current state of each candidate record and returns the states
   * the file gives them; anything it throws rolls everything back.
   */
  async importFile(file: FeedbackFileMeta, candidateIds: readonly string[], decide: (stateOf: (recordId: string) => FeedbackBureauState) => readonly FeedbackStateRow[]): Promise<FeedbackImportResult> {
    return withDatabase(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [FEEDBACK_LOCK_ID]);
        const [previous] = await manager.query(`SELECT id, digest, imported_at, operator FROM bureau_feedback_file WHERE digest = $1 OR file_name = $2 ORDER BY (digest = $1) DESC LIMIT 1`, [
          file.digest,
          file.fileName,
        ]);
        if (previous && previous.digest === file.digest) return { kind: 'already-imported', fileId: String(previous.id), importedAt: previous.imported_at, operator: previous.operator };
        if (previous) throw new FeedbackImportConflictError(`a file named ${file.fileName} with other content was imported on ${new Date(previous.imported_at).toISOString()}: a bureau never sends two answers under one name`);
        const current = await latestStates(manager, candidateIds);
        const rows = decide((recordId) => current.get(recordId) ?? 'SENT');
        const [{ id }] = await manager.query(
          `INSERT INTO bureau_feedback_file (bureau, form, file_name, digest, record_count, operator) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [file.bureau, file.form, file.fileName, file.digest, rows.length, file.operator],
        );
        if (rows.length > 0) {
          await manager.query(
            `INSERT INTO bureau_record_state (record_id, bureau, state, codes, rules, code_labels, file_id, file_line, operator)
             SELECT "recordId", bureau, state, ARRAY(SELECT json_array_elements_text(codes)), ARRAY(SELECT json_array_elements_text(rules)),
                    ARRAY(SELECT json_array_elements_text("codeLabels")), $2, line, $3
               FROM json_to_recordset($1::json) AS r("recordId" text, bureau text, state text, codes json, rules json, "codeLabels" json, line int)`,
            [JSON.stringify(rows), id, file.operator],
          );
        }
        return { kind: 'imported', fileId: String(id), records: rows.length, rejected: rows.filter((r) => r.state === 'REJECTED').length };
      }),
    );
  }

  /**
   * Records that a rejected record was superseded by a later one (re-sent once corrected). Only
   * records whose current state is REJECTED move; returns those that did.
   */
  async markResent(resent: readonly { readonly recordId: string; readonly bureau: string; readonly supersededBy: string }[], operator: string): Promise<number> {
    if (resent.length === 0) return 0;
    return withDatabase(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [FEEDBACK_LOCK_ID]);
        const current = await latestStates(manager, resent.map((r) => r.recordId));
        const moving = resent.filter((r) => current.get(r.recordId) === 'REJECTED');
        if (moving.length === 0) return 0;
        await manager.query(
          `INSERT INTO bureau_record_state (record_id, bureau, state, superseded_by, operator)
           SELECT "recordId", bureau, 'RESENT', "supersededBy", $2 FROM json_to_recordset($1::json) AS r("recordId" text, bureau text, "supersededBy" text)`,
          [JSON.stringify(moving), operator],
        );
        return moving.length;
      }),
    );
  }

  /** Records whose current state is REJECTED (to be corrected), with the rejection, oldest first. */
  async outstandingRejections(bureau?: string): Promise<RecordStateEntry[]> {
    const rows: EntryRaw[] = await withDatabase(() =>
      this.dataSource.query(
        `SELECT ${ENTRY_COLUMNS}
           FROM (SELECT DISTINCT ON (record_id) * FROM bureau_record_state ORDER BY record_id, id DESC) s
           LEFT JOIN bureau_feedback_file f ON f.id = s.file_id
          WHERE s.state = 'REJECTED' AND ($1::text IS NULL OR s.bureau = $1)
          ORDER BY s.at, s.id`,
        [bureau ?? null],
      ),
    );
    return rows.map(toEntry);
  }

  /** Every stored state of these records, oldest first per record. */
  async historyOf(recordIds: readonly string[]): Promise<Map<string, RecordStateEntry[]>> {
    const found = new Map<string, RecordStateEntry[]>();
    if (recordIds.length === 0) return found;
    const rows: EntryRaw[] = await withDatabase(() =>
      this.dataSource.query(`SELECT ${ENTRY_COLUMNS} FROM bureau_record_state s LEFT JOIN bureau_feedback_file f ON f.id = s.file_id WHERE s.record_id = ANY($1) ORDER BY s.id`, [[...recordIds]]),
    );
    for (const row of rows) found.set(row.record_id, [...(found.get(row.record_id) ?? []), toEntry(row)]);
    return found;
  }

  /** Records by bureau and current state (SENT excluded: the audit counts those). */
  async countsByBureauState(): Promise<{ bureau: string; state: StoredBureauState; count: number }[]> {
    const rows: { bureau: string; state: StoredBureauState; count: string }[] = await withDatabase(() =>
      this.dataSource.query(`SELECT bureau, state, count(*) AS count FROM bureau_record_state GROUP BY bureau, state ORDER BY bureau, state`),
    );
    return rows.map((r) => ({ bureau: r.bureau, state: r.state, count: Number(r.count) }));
  }

  /** Every rejection ever recorded, by bureau and code label (a record rejected with two codes counts under both). */
  async rejectionsByBureauCode(): Promise<{ bureau: string; code: string; count: number }[]> {
    const rows: { bureau: string; code: string; count: string }[] = await withDatabase(() =>
      this.dataSource.query(`SELECT bureau, unnest(code_labels) AS code, count(*) AS count FROM bureau_record_state WHERE state = 'REJECTED' GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    return rows.map((r) => ({ bureau: r.bureau, code: r.code, count: Number(r.count) }));
  }
}

async function latestStates(manager: EntityManager, recordIds: readonly string[]): Promise<Map<string, StoredBureauState>> {
  if (recordIds.length === 0) return new Map();
  const rows: { record_id: string; state: StoredBureauState }[] = await manager.query(
    `SELECT DISTINCT ON (record_id) record_id, state FROM bureau_record_state WHERE record_id = ANY($1) ORDER BY record_id, id DESC`,
    [[...new Set(recordIds)]],
  );
  return new Map(rows.map((r) => [r.record_id, r.state]));
}

function toEntry(row: EntryRaw): RecordStateEntry {
  return {
    recordId: row.record_id,
    bureau: row.bureau,
    state: row.state,
    codes: row.codes,
    rules: row.rules,
    supersededBy: row.superseded_by,
    fileName: row.file_name,
    fileLine: row.file_line,
    operator: row.operator,
    at: row.at,
  };
}

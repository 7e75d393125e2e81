import { FurnishError } from '@furnish/shared-util-errors';

export class DatabaseUnavailableError extends FurnishError {
  constructor(cause: unknown) {
    super('DEPENDENCY_UNAVAILABLE', 'consent database is unavailable', 'wait', { cause });
  }
}

/**
 * A value in the record is one the database cannot store (a NUL character, a date outside its
 * range, an identifier longer than an index entry may be): the record is at fault, not the
 * database, so it is dead-lettered instead of retried.
 */
export class RecordUnstorableError extends FurnishError {
  constructor(
    readonly sqlState: string,
    cause: unknown,
  ) {
    super('RECORD_UNSTORABLE', `the consent database cannot store a value of this record (SQLSTATE ${sqlState})`, 'dead-letter', { cause });
  }
}

/**
 * SQLSTATEs that mean "this data cannot be stored": class 22 data exception (22001 string too long,
 * 22003 numeric out of range, 22007/22008 datetime invalid or out of range, 22021/22P05 NUL or an
 * untranslatable character, 22P02 invalid text representation) and 54000 program limit exceeded
 * (e.g. an index row too large for an oversized identifier).
 */
const UNSTORABLE_SQLSTATE = /^22|^54000$/;

/**
 * SQLSTATE classes that mean "the database or our connection to it is not usable now", not
 * "this statement or its data is wrong": 08 connection exception, 28 authorisation (e.g. a
 * rotated password), 3D000 database missing, 53 insufficient resources, 55 object not in
 * prerequisite state (e.g. 55000 database not accepting connections, 55P03 lock not available),
 * 57 operator intervention (e.g. 57P01 admin shutdown, 57P03 cannot connect now), 42P01 undefined
 * table and 42703 undefined column (the ledger has not yet applied a migration this code needs: a new
 * database, or a pod of the new version started before the migrate step), 42501 insufficient
 * privilege (a role not yet granted what a migration added, e.g. the view consent_decision_entry),
 * 40001/40P01 serialisation failure and deadlock (retry as a whole). The stage waits, not-ready,
 * instead of dead-lettering every record until the schema or the grant is there.
 */
const UNAVAILABLE_SQLSTATE = /^(08|28|53|55|57|58)|^3D000$|^40001$|^40P01$|^42P01$|^42703$|^42501$/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// `Driver not Connected`: typeorm before the background connect of ConsentDatabaseModule succeeded.
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|not queryable|Driver not Connected/i;

/**
 * Maps a database failure to a `wait` error when it is about availability and to a dead-letter
 * error when the record's data cannot be stored; rethrows others unchanged.
 */
export function asDatabaseError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_MESSAGES.test(message)) {
    return new DatabaseUnavailableError(error);
  }
  if (UNSTORABLE_SQLSTATE.test(code)) return new RecordUnstorableError(code, error);
  return error;
}

/** Runs a database call, turning availability failures into DatabaseUnavailableError. */
export async function withDatabase<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asDatabaseError(error);
  }
}

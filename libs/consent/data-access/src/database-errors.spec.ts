import { DatabaseUnavailableError, RecordUnstorableError, asDatabaseError } from './database-errors';

describe('asDatabaseError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a database refusing connections', Object.assign(new Error('database "furnish" is not currently accepting connections'), { code: '55000' })],
    ['a rejected password', Object.assign(new Error('password authentication failed'), { code: '28P01' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a TypeORM-wrapped connection failure', Object.assign(new Error('query failed'), { driverError: { code: '08006', message: 'x' } })],
    ['a query before the background connect succeeded', new Error('Driver not Connected')],
    ['a table not migrated yet', Object.assign(new Error('relation "consent_decision_entry" does not exist'), { code: '42P01' })],
    ['a column not migrated yet', Object.assign(new Error('column "decisions" of relation "consent_decision" does not exist'), { code: '42703' })],
    ['a role not granted what a migration added', Object.assign(new Error('permission denied for view consent_decision_entry'), { code: '42501' })],
  ])('treats %s as the database being unavailable', (_name, error) => {
    const mapped = asDatabaseError(error);
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect((mapped as DatabaseUnavailableError).disposition).toBe('wait');
  });

  // SQLSTATEs as PostgreSQL 15 reports them (Appendix A, PostgreSQL Error Codes).
  it.each([
    ['a NUL character in JSON text', '22P05', 'unsupported Unicode escape sequence'],
    ['a NUL byte in a text parameter', '22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['a timestamp beyond year 294276', '22008', 'timestamp out of range'],
    ['an identifier longer than its column', '22001', 'value too long for type character varying(64)'],
    ['an identifier too large for its index entry', '54000', 'index row size 3000 exceeds btree version 4 maximum 2704'],
  ])('dead-letters %s: the record, not the database, is at fault', (_name, code, message) => {
    const mapped = asDatabaseError(Object.assign(new Error(message), { code }));
    expect(mapped).toBeInstanceOf(RecordUnstorableError);
    expect((mapped as RecordUnstorableError).disposition).toBe('dead-letter');
    expect((mapped as RecordUnstorableError).code).toBe('RECORD_UNSTORABLE');
    expect((mapped as RecordUnstorableError).message).not.toContain(message);
  });

  it.each([
    ['a check violation', Object.assign(new Error('new row violates check constraint'), { code: '23514' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
  ])('leaves %s as it is', (_name, error) => {
    expect(asDatabaseError(error)).toBe(error);
  });
});

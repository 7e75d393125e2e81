import { DatabaseUnavailableError, asDatabaseError } from './database-errors';

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
  ])('treats %s as the database being unavailable', (_name, error) => {
    const mapped = asDatabaseError(error);
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect((mapped as DatabaseUnavailableError).disposition).toBe('wait');
  });

  it.each([
    ['a check violation', Object.assign(new Error('new row violates check constraint'), { code: '23514' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
  ])('leaves %s as it is', (_name, error) => {
    expect(asDatabaseError(error)).toBe(error);
  });
});

import { isFurnishError } from '@furnish/shared-util-errors';
import { RecordInvalidError, assertNoViolations } from './errors';

describe('RecordInvalidError', () => {
  const violations = [
    { ruleId: 'metro2.base.code-table', path: 'base.accountStatus', code: 'not-in-code-table' },
    { ruleId: 'metro2.base.dofd-required', path: 'base.dateFirstDelinquency', code: 'required' },
  ];

  it('is a dead-letter RECORD_INVALID FurnishError carrying every violation', () => {
    const error = new RecordInvalidError(violations);
    expect(isFurnishError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'RECORD_INVALID', disposition: 'dead-letter', name: 'RecordInvalidError', violations });
  });

  it('names rule ids and paths in its message, and caps the list', () => {
    expect(new RecordInvalidError(violations).message).toBe(
      'record violates 2 bureau rule(s): metro2.base.code-table at base.accountStatus (not-in-code-table); metro2.base.dofd-required at base.dateFirstDelinquency (required)',
    );
    const many = Array.from({ length: 25 }, (_, i) => ({ ruleId: `r${i}`, path: 'p', code: 'c' }));
    expect(new RecordInvalidError(many, 'file').message).toMatch(/^file violates 25 bureau rule\(s\): .*; and 5 more$/);
  });

  it('names each broken rule once for metrics, however many fields break it', () => {
    const twice = [...violations, { ruleId: 'metro2.base.code-table', path: 'base.portfolioType', code: 'not-in-code-table' }];
    expect(new RecordInvalidError(twice).ruleIds).toEqual(['metro2.base.code-table', 'metro2.base.dofd-required']);
  });

  it('assertNoViolations throws only when there is one', () => {
    expect(() => assertNoViolations([])).not.toThrow();
    expect(() => assertNoViolations(violations)).toThrow(RecordInvalidError);
  });
});

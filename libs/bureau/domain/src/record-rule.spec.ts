import { defineRules, runRules } from './record-rule';

interface Pair {
  status: string;
  pastDue: number;
  rating: string;
}

const RULES = defineRules<Pair, keyof Pair & string>([
  { id: 'past-due-zero-when-current', ref: 'test', fields: ['pastDue', 'status'], check: (r) => (r.status === '11' && r.pastDue !== 0 ? 'must-be-zero' : null) },
  {
    id: 'rating-and-status',
    ref: 'test',
    fields: ['rating', 'status'],
    check: (r) => (r.rating === 'X' ? [{ field: 'rating', code: 'bad' }, { field: 'status', code: 'bad' }] : null),
  },
]);

describe('runRules', () => {
  const pathOf = (field: string): string => `base.${field}`;

  it('reports a code at the first field, or failures at named fields', () => {
    expect(runRules(RULES, { status: '11', pastDue: 5, rating: 'X' }, undefined, { pathOf })).toEqual([
      { ruleId: 'past-due-zero-when-current', path: 'base.pastDue', code: 'must-be-zero' },
      { ruleId: 'rating-and-status', path: 'base.rating', code: 'bad' },
      { ruleId: 'rating-and-status', path: 'base.status', code: 'bad' },
    ]);
  });

  it('skips rules that read a field already reported invalid', () => {
    expect(runRules(RULES, { status: '11', pastDue: 5, rating: '' }, undefined, { pathOf, skipPaths: new Set(['base.status']) })).toEqual([]);
  });
});

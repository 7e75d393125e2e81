import { DueBook } from './due-book';

const book = (): DueBook => {
  const dues = new DueBook();
  dues.add({ dueDay: 100, instalment: 1, principal: 9_000, interest: 1_000, interestBilled: true });
  dues.add({ dueDay: 130, instalment: 2, principal: 9_500, interest: 500, interestBilled: false });
  return dues;
};

describe('DueBook', () => {
  it('counts an amount past due only once its grace period is over', () => {
    const dues = book();
    expect(dues.pastDue(103, 3).periods).toBe(0);
    expect(dues.pastDue(104, 3)).toEqual({ amount: 10_000, principal: 9_000, periods: 1, oldestDueDay: 100 });
    expect(dues.pastDue(134, 3)).toEqual({ amount: 20_000, principal: 18_500, periods: 2, oldestDueDay: 100 });
  });

  it('settles the oldest due first, interest before principal, and reports what was billed', () => {
    const dues = book();
    expect(dues.allocate(10_500)).toEqual({ principal: 9_000, billedInterest: 1_000, remainder: 0 });
    expect(dues.dues.map((d) => [d.instalment, d.interest, d.principal])).toEqual([[2, 0, 9_500]]);
    expect(dues.allocate(20_000)).toEqual({ principal: 9_500, billedInterest: 0, remainder: 10_500 });
    expect(dues.dues).toEqual([]);
  });

  it('totals what falls due up to a day', () => {
    expect(book().outstanding(120)).toBe(10_000);
    expect(book().outstanding()).toBe(20_000);
  });
});

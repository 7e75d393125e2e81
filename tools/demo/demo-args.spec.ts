import { parseDemoArgs } from './demo-args';

describe('parseDemoArgs', () => {
  it('defaults to 10,000 borrowers, a fresh seed and out/submissions', () => {
    expect(parseDemoArgs([], new Date(0))).toEqual({ borrowers: 10_000, seed: 'demo-0', month: '2026-10', outDir: 'out/submissions' });
  });

  it('reads every option', () => {
    expect(parseDemoArgs(['--borrowers', '50', '--seed', 's', '--month', '2027-01', '--out', 'x'])).toEqual({ borrowers: 50, seed: 's', month: '2027-01', outDir: 'x' });
  });

  it.each([
    [['--borrowers', 'many'], '--borrowers'],
    [['--month', '2026-13'], '--month'],
    [['--colour', 'red'], '--colour'],
  ])('names a bad argument %j', (argv, name) => {
    expect(() => parseDemoArgs(argv)).toThrow(name);
  });
});

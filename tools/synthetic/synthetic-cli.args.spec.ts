import { CliUsageError, parseSyntheticArgs } from './synthetic-cli.args';

describe('parseSyntheticArgs', () => {
  it('reads the generation arguments and where the events go', () => {
    expect(parseSyntheticArgs(['--borrowers', '50', '--seed', 'S', '--month', '2026-10', '--out', 'month.jsonl'])).toEqual({
      generate: { borrowers: 50, seed: 'S', month: '2026-10', profile: {} },
      out: 'month.jsonl',
      expectations: null,
      publish: false,
      batchSize: 500,
    });
    expect(
      parseSyntheticArgs(['--borrowers=10000', '--seed=7', '--month=2026-10', '--publish', '--expectations', 'expected.jsonl', '--batch-size', '1000', '--us-share', '0.3', '--consent-share', '1']),
    ).toEqual({
      generate: { borrowers: 10000, seed: '7', month: '2026-10', profile: { usBorrowerShare: 0.3, consentShare: 1 } },
      out: null,
      expectations: 'expected.jsonl',
      publish: true,
      batchSize: 1000,
    });
    expect(parseSyntheticArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--seed', 'S', '--month', '2026-10', '--publish'], /--borrowers is required/],
    [['--borrowers', 'ten', '--seed', 'S', '--month', '2026-10', '--publish'], /--borrowers must be a whole number/],
    [['--borrowers', '5', '--seed', 'S', '--month', '2026-13', '--publish'], /--month must be written YYYY-MM/],
    [['--borrowers', '5', '--seed', 'S', '--month', '2026-10'], /--out FILE.jsonl, --out - or --publish/],
    [['--borrowers', '5', '--seed', 'S', '--month', '2026-10', '--publish', '--batch-size', '0'], /--batch-size must be a whole number from 1/],
    [['--borrowers', '5', '--seed', 'S', '--month', '2026-10', '--publish', '--us-share', '2'], /--us-share must be a number from 0 to 1/],
    [['--borrowers', '5', '--seed', 'S', '--month', '2026-10', '--publish', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSyntheticArgs(argv)).toThrow(CliUsageError);
    expect(() => parseSyntheticArgs(argv)).toThrow(message);
  });
});

import { SubmissionArgsError } from './errors';
import { parseSubmissionArgs } from './submission-args';

describe('parseSubmissionArgs', () => {
  it('parses the flags, with defaults from the environment', () => {
    expect(parseSubmissionArgs(['--bureau', 'pboc-crc', '--from', '2024-05-01', '--to', '2024-05-31'], { KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual({
      bureau: 'pboc-crc',
      from: '2024-05-01',
      to: '2024-05-31',
      outDir: 'out/submissions',
      brokers: ['k1:9092', 'k2:9092'],
      registryUrl: 'http://localhost:8081/apis/ccompat/v7',
      timeoutMs: 60_000,
      consentCheck: { databaseUrl: 'postgres://postgres@127.0.0.1:5432/furnish', ledgerGroup: 'furnish.consent-ledger' },
    });
  });

  it('takes the optional flags', () => {
    const args = parseSubmissionArgs(['--bureau', 'metro2', '--from', '2024-05-01', '--to', '2024-05-31', '--out', '/tmp/x', '--reporter-name', 'ACME', '--timeout-seconds', '5']);
    expect(args).toMatchObject({ outDir: '/tmp/x', reporterName: 'ACME', timeoutMs: 5000 });
  });

  it.each([
    [['--bureau', 'equifax', '--from', '2024-05-01', '--to', '2024-05-31'], /--bureau must be one of pboc-crc, baihang, metro2/],
    [['--bureau', 'baihang', '--from', '2024-02-30', '--to', '2024-05-31'], /--from must be a date/],
    [['--bureau', 'baihang', '--from', '2024-06-01', '--to', '2024-05-31'], /must not be after/],
    [['--bureau', 'metro2', '--from', '2024-04-01', '--to', '2024-05-31'], /same calendar month/],
    [['--bureau', 'pboc-crc', '--from', '2024-05-01', '--to', '2024-05-31', '--institution', 'abc'], /14-character/],
    [['--bureau', 'baihang', '--from'], /--from needs a value/],
    [['--colour', 'red'], /unknown argument --colour/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSubmissionArgs(argv)).toThrow(SubmissionArgsError);
    expect(() => parseSubmissionArgs(argv)).toThrow(message);
  });
});

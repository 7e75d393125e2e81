import { parseArgs } from 'node:util';
import { parseMonth, type SyntheticMonthOptions } from '@furnish/lending-synthetic';

export const SYNTHETIC_USAGE = `usage: npm run synthetic -- \\
  --borrowers N --seed S --month YYYY-MM (--out FILE.jsonl | --out - | --publish) [options]

  --borrowers N        borrowers to generate (0-10000000)
  --seed S             any text; the same seed, borrowers and month give byte-identical output
  --month YYYY-MM      the month the events happen in
  --out FILE|-         write JSON lines (consent events first) to FILE, or to stdout with -
  --expectations FILE  write the expected consent decision per (loan event, bureau) as JSON lines
  --publish            publish to lending.consent-events.v1, then lending.loan-events.v1
                       (KAFKA_BROKERS, SCHEMA_REGISTRY_URL; default the local stack)
  --batch-size N       messages per produce request when publishing (default 500; 1 = one at a time)
  --us-share X         share of US borrowers, 0-1 (default 0.15)
  --consent-share X    share of borrowers with consent events, 0-1 (default 0.6)
  --help               this text`;

/** The arguments were wrong: the CLI prints the message and the usage, and exits 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface SyntheticCliOptions {
  readonly generate: SyntheticMonthOptions;
  /** File path, '-' for stdout, or null. */
  readonly out: string | null;
  /** File path for the expected consent decisions, or null. */
  readonly expectations: string | null;
  readonly publish: boolean;
  readonly batchSize: number;
}

export function parseSyntheticArgs(argv: readonly string[]): SyntheticCliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        borrowers: { type: 'string' },
        seed: { type: 'string' },
        month: { type: 'string' },
        out: { type: 'string' },
        expectations: { type: 'string' },
        publish: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        'us-share': { type: 'string' },
        'consent-share': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const borrowers = wholeNumber('--borrowers', required('--borrowers', values.borrowers), 0, 10_000_000);
  const seed = required('--seed', values.seed);
  const month = required('--month', values.month);
  try {
    parseMonth(month);
  } catch {
    throw new CliUsageError(`--month must be written YYYY-MM, got '${month}'`);
  }
  if (values.out === undefined && !values.publish) throw new CliUsageError('say where the events go: --out FILE.jsonl, --out - or --publish');
  const profile = {
    ...(values['us-share'] === undefined ? {} : { usBorrowerShare: share('--us-share', values['us-share']) }),
    ...(values['consent-share'] === undefined ? {} : { consentShare: share('--consent-share', values['consent-share']) }),
  };
  return {
    generate: { borrowers, seed, month, profile },
    out: values.out ?? null,
    expectations: values.expectations ?? null,
    publish: values.publish,
    batchSize: values['batch-size'] === undefined ? 500 : wholeNumber('--batch-size', values['batch-size'], 1, 100_000),
  };
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new CliUsageError(`${name} is required`);
  return value;
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new CliUsageError(`${name} must be a whole number from ${min} to ${max}, got '${text}'`);
  return value;
}

function share(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 1)) throw new CliUsageError(`${name} must be a number from 0 to 1, got '${text}'`);
  return value;
}

import { parseArgs } from 'node:util';

export interface CoverageArgs {
  /** First instant of the month and of the next one (UTC). */
  readonly from: Date;
  readonly to: Date;
  readonly month: string;
  readonly json: boolean;
}

export const COVERAGE_USAGE = `usage: npm run coverage -- --month YYYY-MM [--json]
  --month  the month whose loan events are counted (by the time they occurred, UTC)
  --json   print the report as JSON instead of tables`;

/** Parses the report's arguments; throws a message naming the bad argument. */
export function parseCoverageArgs(argv: readonly string[]): CoverageArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${COVERAGE_USAGE}`);
  }
  const month = parsed.values.month;
  const match = month === undefined ? null : /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new Error(`--month must be given as YYYY-MM\n${COVERAGE_USAGE}`);
  const [year, monthIndex] = [Number(match[1]), Number(match[2]) - 1];
  return { month: month!, from: new Date(Date.UTC(year, monthIndex, 1)), to: new Date(Date.UTC(year, monthIndex + 1, 1)), json: parsed.values.json ?? false };
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: { month: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false });
}

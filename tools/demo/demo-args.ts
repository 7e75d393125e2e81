export interface DemoArgs {
  readonly borrowers: number;
  readonly seed: string;
  readonly month: string;
  readonly outDir: string;
}

export const DEMO_USAGE = `usage: npm run demo [-- --borrowers N] [--seed S] [--month YYYY-MM] [--out DIR]
  --borrowers  borrowers in the generated month (default 10000)
  --seed       generator seed (default: new each run, printed so a run can be repeated)
  --month      the month to generate (default 2026-10)
  --out        folder for the submission files (default out/submissions)`;

/** Parses the demo's arguments; throws a message naming the bad argument. */
export function parseDemoArgs(argv: readonly string[], now: Date = new Date()): DemoArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!['--borrowers', '--seed', '--month', '--out'].includes(flag) || value === undefined) throw new Error(`unknown or incomplete argument ${flag}\n${DEMO_USAGE}`);
    values.set(flag, value);
  }
  const borrowers = Number(values.get('--borrowers') ?? 10_000);
  if (!Number.isInteger(borrowers) || borrowers < 1 || borrowers > 1_000_000) throw new Error(`--borrowers must be a whole number from 1 to 1000000\n${DEMO_USAGE}`);
  const month = values.get('--month') ?? '2026-10';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`--month must be YYYY-MM\n${DEMO_USAGE}`);
  return { borrowers, month, seed: values.get('--seed') ?? `demo-${now.getTime().toString(36)}`, outDir: values.get('--out') ?? 'out/submissions' };
}

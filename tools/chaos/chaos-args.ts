import { parseArgs } from 'node:util';

/** How hard one chaos run pushes: the volume it publishes and the faults it injects. */
export interface ChaosProfile {
  readonly borrowers: number;
  readonly hostile: number;
  /** SIGKILLs of a random service instance, each started again after a short pause. */
  readonly kills: number;
  /** Kills made at the same time: two instances can be down at once. */
  readonly killLanes: number;
  readonly brokerRestarts: number;
  readonly registryRestarts: number;
  readonly databaseOutages: number;
  /** A third replica of a random stage started or stopped (a rebalance each time). */
  readonly scalings: number;
}

export interface ChaosArgs {
  readonly profileName: 'short' | 'long';
  readonly profile: ChaosProfile;
  readonly seed: string;
  readonly month: string;
}

export const CHAOS_PROFILES: Readonly<Record<'short' | 'long', ChaosProfile>> = {
  // Every kind of fault once, in a few minutes: CI runs it after the whole test suite (budget 40 min).
  short: { borrowers: 60, hostile: 600, kills: 10, killLanes: 1, brokerRestarts: 1, registryRestarts: 1, databaseOutages: 1, scalings: 1 },
  long: { borrowers: 300, hostile: 10_000, kills: 120, killLanes: 2, brokerRestarts: 3, registryRestarts: 2, databaseOutages: 3, scalings: 6 },
};

export const CHAOS_USAGE = `usage: npm run chaos [-- --long] [--seed S] [--month YYYY-MM] [--borrowers N] [--hostile N] [--kills N]
  --long       the full run (${describe(CHAOS_PROFILES.long)}); default is the short one CI runs (${describe(CHAOS_PROFILES.short)})
  --seed       generator seed (default: new each run, printed so a run can be repeated)
  --month      the month to generate (default 2026-10)
  --borrowers, --hostile, --kills   override the profile`;

function describe(p: ChaosProfile): string {
  return `${p.borrowers} borrowers, ${p.hostile} hostile inputs, ${p.kills} kills`;
}

const COUNT_LIMITS = { borrowers: [1, 100_000], hostile: [0, 1_000_000], kills: [0, 10_000] } as const;

/** Parses `npm run chaos` arguments; throws a message naming the bad argument. */
export function parseChaosArgs(argv: readonly string[], now: Date = new Date()): ChaosArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { long: { type: 'boolean' }, seed: { type: 'string' }, month: { type: 'string' }, borrowers: { type: 'string' }, hostile: { type: 'string' }, kills: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${CHAOS_USAGE}`);
  }
  const profileName = values.long ? 'long' : 'short';
  const overrides: Partial<Record<keyof typeof COUNT_LIMITS, number>> = {};
  for (const name of Object.keys(COUNT_LIMITS) as (keyof typeof COUNT_LIMITS)[]) {
    const text = values[name];
    if (text === undefined) continue;
    const [min, max] = COUNT_LIMITS[name];
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${CHAOS_USAGE}`);
    overrides[name] = n;
  }
  const month = values.month ?? '2026-10';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`--month must be YYYY-MM\n${CHAOS_USAGE}`);
  return { profileName, profile: { ...CHAOS_PROFILES[profileName], ...overrides }, seed: values.seed ?? `chaos-${now.getTime().toString(36)}`, month };
}

import { z } from 'zod';

/** Sizes and switches of `npm run bench`, from the environment (validated; errors name the variable). */
export interface BenchSettings {
  /** Loan events per stage drain and for the sustained pipeline run. */
  readonly events: number;
  /** Loan events the whole pipeline is warmed with before its sustained run (JIT, caches, connections). */
  readonly warmUpEvents: number;
  /** Fixed input rates (events/s) for the latency runs. */
  readonly rates: readonly number[];
  /** Seconds each latency run publishes for. */
  readonly latencySeconds: number;
  /** Drains of each stage and of the passthrough per stage, alternating; medians are reported. */
  readonly runs: number;
  /** Profiled drains of every stage and of the passthrough (separate from the measured ones). */
  readonly profile: boolean;
  readonly seed: number;
  readonly consentShare: number;
  /** Where the report goes, workspace-relative. */
  readonly report: string;
  /** Records per transaction and partitions in parallel, as the services read them (STAGE_*). */
  readonly chunkSize: number;
  readonly partitionsConcurrency: number;
  /** The consumers' fetch linger, as the services read it (STAGE_FETCH_MIN_BYTES, STAGE_FETCH_MAX_WAIT_MS). */
  readonly fetchMinBytes: number;
  readonly fetchMaxWaitMs: number;
  /** Extra Node.js options for every process the bench starts (services, passthrough), e.g. heap limits. */
  readonly nodeOptions: string;
  /** The cost curve (BENCH_COST_CURVE=0 skips it): the slowest stage at 1…N replicas, the filter at several ledger sizes. */
  readonly costCurve: {
    readonly enabled: boolean;
    /** Loan events per cost-curve drain (fresh for each). */
    readonly events: number;
    /** Largest replica count: the slowest stage is drained by 1, 2, … this many instances. */
    readonly maxReplicas: number;
    /** Borrowers in the consent ledger for the filter's drains, ascending. */
    readonly borrowers: readonly number[];
  };
}

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const schema = z.object({
  BENCH_EVENTS: positiveInt(20_000, 1_000_000),
  BENCH_WARMUP_EVENTS: positiveInt(2_000, 1_000_000),
  BENCH_RATES: z
    .string()
    .default('500,1000,2000')
    .transform((list) => list.split(',').map((r) => Number(r.trim())))
    .pipe(z.array(z.number().int().min(1).max(100_000)).min(1).max(10)),
  BENCH_LATENCY_SECONDS: positiveInt(30, 600),
  BENCH_RUNS: positiveInt(3, 9),
  BENCH_PROFILE: z.enum(['0', '1']).default('1'),
  BENCH_SEED: z.coerce.number().int().default(20240531),
  BENCH_CONSENT_SHARE: z.coerce.number().min(0).max(1).default(0.6),
  BENCH_REPORT: z.string().min(1).default('docs/benchmarks.md'),
  STAGE_CHUNK_SIZE: positiveInt(500, 10_000),
  STAGE_PARTITIONS_CONCURRENCY: positiveInt(6, 64),
  STAGE_FETCH_MIN_BYTES: positiveInt(1, 64 * 1024 * 1024),
  STAGE_FETCH_MAX_WAIT_MS: positiveInt(250, 5_000),
  BENCH_NODE_OPTIONS: z.string().default(''),
  BENCH_COST_CURVE: z.enum(['0', '1']).default('1'),
  BENCH_COST_CURVE_EVENTS: positiveInt(20_000, 1_000_000),
  // The filter's and the minimiser's input topics have 6 partitions: more replicas would sit idle.
  BENCH_COST_CURVE_REPLICAS: positiveInt(3, 6),
  BENCH_COST_CURVE_BORROWERS: z
    .string()
    .default('10000,100000,1000000')
    .transform((list) => list.split(',').map((n) => Number(n.trim())))
    .pipe(z.array(z.number().int().min(1).max(10_000_000)).min(1).max(6))
    .transform((sizes) => [...new Set(sizes)].sort((a, b) => a - b)),
});

export function loadBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  const v = parsed.data;
  return {
    events: v.BENCH_EVENTS,
    warmUpEvents: v.BENCH_WARMUP_EVENTS,
    rates: v.BENCH_RATES,
    latencySeconds: v.BENCH_LATENCY_SECONDS,
    runs: v.BENCH_RUNS,
    profile: v.BENCH_PROFILE === '1',
    seed: v.BENCH_SEED,
    consentShare: v.BENCH_CONSENT_SHARE,
    report: v.BENCH_REPORT,
    chunkSize: v.STAGE_CHUNK_SIZE,
    partitionsConcurrency: v.STAGE_PARTITIONS_CONCURRENCY,
    fetchMinBytes: v.STAGE_FETCH_MIN_BYTES,
    fetchMaxWaitMs: v.STAGE_FETCH_MAX_WAIT_MS,
    nodeOptions: v.BENCH_NODE_OPTIONS.trim(),
    costCurve: {
      enabled: v.BENCH_COST_CURVE === '1',
      events: v.BENCH_COST_CURVE_EVENTS,
      maxReplicas: v.BENCH_COST_CURVE_REPLICAS,
      borrowers: v.BENCH_COST_CURVE_BORROWERS,
    },
  };
}

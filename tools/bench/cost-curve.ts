/**
 * The arithmetic of the cost curve (pure): which stage to scale, how well it scaled, and what a
 * deployment needs for a given rate, from per-record CPU figures the bench measured.
 */

/** Throughput at `replicas` over `replicas` × throughput at one: 1 is linear scaling; NaN when a figure is missing. */
export function scalingEfficiency(perSecond: number, replicas: number, singlePerSecond: number): number {
  if (!Number.isFinite(perSecond) || !Number.isInteger(replicas) || replicas < 1 || !(singlePerSecond > 0) || !Number.isFinite(singlePerSecond)) return Number.NaN;
  return perSecond / (replicas * singlePerSecond);
}

/** The stage whose drain had the lowest rate; undefined when no stage has a finite rate. */
export function slowestStage<T extends { readonly stage: string; readonly perSecond: number }>(stages: readonly T[]): T | undefined {
  return stages.filter((s) => Number.isFinite(s.perSecond)).reduce<T | undefined>((slowest, s) => (!slowest || s.perSecond < slowest.perSecond ? s : slowest), undefined);
}

/** Cores' worth of CPU that `rate` records/s cost at `usPerRecord` µs of CPU each. */
export function coresFor(rate: number, usPerRecord: number): number {
  if (!(rate >= 0) || !(usPerRecord >= 0)) return Number.NaN;
  return (rate * usPerRecord) / 1e6;
}

/**
 * Replicas needed for `rate` records/s when each replica may use `coresPerReplica` cores up to
 * `utilisation` of them: ⌈rate × µs per record / (10⁶ × cores × utilisation)⌉, at least one.
 */
export function replicasFor(rate: number, usPerRecord: number, coresPerReplica = 1, utilisation = 0.7): number {
  const cores = coresFor(rate, usPerRecord);
  if (!Number.isFinite(cores) || !(coresPerReplica > 0) || !(utilisation > 0)) return Number.NaN;
  // Round away binary noise first (e.g. 2.0000000000000004 replicas is 2).
  return Math.max(1, Math.ceil(Number((cores / (coresPerReplica * utilisation)).toFixed(9))));
}

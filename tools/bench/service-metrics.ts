import { readFileSync } from 'node:fs';

/** One scrape of a Prometheus text endpoint: sample (name with labels, as written) → value. */
export type MetricSamples = ReadonlyMap<string, number>;

export async function scrapeMetrics(port: number): Promise<MetricSamples | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    return parsePrometheusText(await response.text());
  } catch {
    return undefined;
  }
}

export function parsePrometheusText(text: string): MetricSamples {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) samples.set(line.slice(0, space), value);
  }
  return samples;
}

/** Sum of a metric family's samples, optionally only those whose labels contain `labelMatch`. */
export function sumOf(samples: MetricSamples | undefined, name: string, labelMatch = ''): number {
  let total = 0;
  for (const [key, value] of samples ?? []) {
    const brace = key.indexOf('{');
    const family = brace < 0 ? key : key.slice(0, brace);
    if (family === name && key.includes(labelMatch)) total += value;
  }
  return total;
}

/** Per label value of `label`, the family's sum (e.g. dead letters by code). */
export function byLabel(samples: MetricSamples | undefined, name: string, label: string): Map<string, number> {
  const result = new Map<string, number>();
  const pattern = new RegExp(`${label}="([^"]*)"`);
  for (const [key, value] of samples ?? []) {
    if (!key.startsWith(`${name}{`)) continue;
    const match = pattern.exec(key);
    if (match) result.set(match[1], (result.get(match[1]) ?? 0) + value);
  }
  return result;
}

/** Cumulative bucket counts of a histogram family, by upper bound (seconds; Infinity for +Inf). */
export function histogramBuckets(samples: MetricSamples | undefined, name: string): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const [key, value] of samples ?? []) {
    if (!key.startsWith(`${name}_bucket{`)) continue;
    const le = /le="([^"]+)"/.exec(key)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + value);
  }
  return buckets;
}

/**
 * The q-quantile (0..1) of the observations between two scrapes of a histogram, interpolated
 * linearly inside its bucket as Prometheus's histogram_quantile does; NaN without observations.
 */
export function quantileBetween(before: Map<number, number>, after: Map<number, number>, q: number): { value: number; count: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  if (total <= 0) return { value: Number.NaN, count: 0 };
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i] >= rank) {
      const lower = i === 0 ? 0 : bounds[i - 1];
      if (!Number.isFinite(bounds[i])) return { value: lower, count: total };
      const below = i === 0 ? 0 : counts[i - 1];
      const inBucket = counts[i] - below;
      return { value: inBucket > 0 ? lower + ((bounds[i] - lower) * (rank - below)) / inBucket : bounds[i], count: total };
    }
  }
  return { value: Number.NaN, count: total };
}

/** Resident set size of a process from /proc (Linux); undefined when it is gone. */
export function procRss(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed?: number;
  /** V8 heap reserved (used + free pages). */
  readonly heapTotal?: number;
  /** Memory of Buffers and other objects outside the V8 heap. */
  readonly external?: number;
}

/** Polls a set of memory sources and keeps each one's maximum. */
export class MemoryWatch {
  private readonly max = new Map<string, MemorySample>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;

  constructor(private readonly sources: ReadonlyMap<string, () => Promise<MemorySample | undefined>>, private readonly intervalMs = 500) {}

  start(): this {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    void this.sample();
    return this;
  }

  async stop(): Promise<ReadonlyMap<string, MemorySample>> {
    clearInterval(this.timer);
    await this.sample();
    return this.max;
  }

  private async sample(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      await Promise.all(
        [...this.sources].map(async ([name, read]) => {
          const sample = await read();
          if (!sample) return;
          const seen = this.max.get(name);
          this.max.set(name, {
            rss: Math.max(seen?.rss ?? 0, sample.rss),
            heapUsed: Math.max(seen?.heapUsed ?? 0, sample.heapUsed ?? 0),
            heapTotal: Math.max(seen?.heapTotal ?? 0, sample.heapTotal ?? 0),
            external: Math.max(seen?.external ?? 0, sample.external ?? 0),
          });
        }),
      );
    } finally {
      this.inFlight = false;
    }
  }
}

/** A service's memory from its /metrics (process_resident_memory_bytes, nodejs_heap_size_used_bytes). */
export const serviceMemory = (port: number) => async (): Promise<MemorySample | undefined> => {
  const samples = await scrapeMetrics(port);
  const rss = samples?.get('process_resident_memory_bytes');
  return rss === undefined
    ? undefined
    : {
        rss,
        heapUsed: samples?.get('nodejs_heap_size_used_bytes'),
        heapTotal: samples?.get('nodejs_heap_size_total_bytes'),
        external: samples?.get('nodejs_external_memory_bytes'),
      };
};

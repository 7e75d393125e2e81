import type { CpuUsage } from './cpu-accounting';

/** How the bench's reports print numbers: a missing or non-finite figure is a dash, never NaN. */
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
export const pct = (share: number, digits = 0) => (Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : '–');
export const mib = (bytes: number | undefined) => (bytes === undefined || bytes === 0 ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
export const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : '–');

/** CPU µs per record of a process group over a run. */
export const cpuPerRecord = (cpu: CpuUsage, source: string, records: number) => ((cpu.seconds.get(source) ?? 0) / Math.max(1, records)) * 1e6;
/** Cores' worth of CPU a process group used over the run. */
export const coresUsed = (cpu: CpuUsage, source: string) => (cpu.seconds.get(source) ?? 0) / Math.max(0.001, cpu.wallSeconds);
/** Cores busy on the machine that none of the measured processes account for (registry, other users of the machine). */
export const otherCores = (cpu: CpuUsage) => Math.max(0, cpu.machineBusy * cpu.cores - [...cpu.seconds.values()].reduce((sum, s) => sum + s, 0) / Math.max(0.001, cpu.wallSeconds));

import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Linux reports process CPU in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc; undefined when it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Pids whose command name (/proc/<pid>/comm) is `name`, e.g. every PostgreSQL backend. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function machineTimes(): { busyMs: number; totalMs: number } {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of os.cpus()) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs };
}

export interface CpuUsage {
  /** CPU seconds per source over the window. */
  readonly seconds: ReadonlyMap<string, number>;
  /** Share of the whole machine (all cores) that was busy, 0..1. */
  readonly machineBusy: number;
  readonly wallSeconds: number;
  readonly cores: number;
}

/**
 * CPU used by named groups of processes over a window (a stage, the broker, PostgreSQL), and how
 * busy the machine was, so each result says whether the stage was CPU-bound and on what.
 */
export class CpuMeter {
  private readonly startSeconds = new Map<string, Map<number, number>>();
  private startMachine = machineTimes();
  private startedAt = Date.now();

  constructor(private readonly sources: ReadonlyMap<string, () => readonly number[]>) {}

  start(): this {
    this.startMachine = machineTimes();
    this.startedAt = Date.now();
    for (const [name, pids] of this.sources) this.startSeconds.set(name, new Map(pids().map((pid) => [pid, processCpuSeconds(pid) ?? 0])));
    return this;
  }

  stop(): CpuUsage {
    const machine = machineTimes();
    const seconds = new Map<string, number>();
    for (const [name, pids] of this.sources) {
      const before = this.startSeconds.get(name) ?? new Map<number, number>();
      let total = 0;
      for (const pid of new Set([...before.keys(), ...pids()])) {
        const now = processCpuSeconds(pid);
        if (now !== undefined) total += now - (before.get(pid) ?? 0);
      }
      seconds.set(name, total);
    }
    const totalMs = machine.totalMs - this.startMachine.totalMs;
    return {
      seconds,
      machineBusy: totalMs > 0 ? (machine.busyMs - this.startMachine.busyMs) / totalMs : 0,
      wallSeconds: (Date.now() - this.startedAt) / 1000,
      cores: os.cpus().length,
    };
  }
}

import type { RunOutcome } from './process-supervisor';
import { relativeToWorkspace } from './stack-paths';

export interface ComponentStatus {
  readonly component: string;
  readonly address: string;
  /** 'external': running, but not started (and never stopped) by this tool. */
  readonly pid: number | 'external' | null;
  readonly detail: 'started' | 'already running' | 'external' | 'not started';
  readonly logFile: string | null;
}

export function statusFromOutcome(
  component: string,
  address: string,
  outcome: RunOutcome,
  logFile: string,
): ComponentStatus {
  switch (outcome.kind) {
    case 'started':
      return { component, address, pid: outcome.pid, detail: 'started', logFile: relativeToWorkspace(logFile) };
    case 'running':
      return { component, address, pid: outcome.pid, detail: 'already running', logFile: relativeToWorkspace(logFile) };
    case 'running-unmanaged':
      return externalStatus(component, address);
  }
}

export function externalStatus(component: string, address: string): ComponentStatus {
  return { component, address, pid: 'external', detail: 'external', logFile: null };
}

export function describeOutcome(outcome: RunOutcome, address: string): string {
  switch (outcome.kind) {
    case 'started':
      return `started pid ${outcome.pid} on ${address}`;
    case 'running':
      return `already running (pid ${outcome.pid}) on ${address}`;
    case 'running-unmanaged':
      return `${address} already answers (not started by this tool; left alone by stack:down)`;
  }
}

import { spawn } from 'node:child_process';
import { closeSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandFailedError, PortBusyError, ProcessExitedError, ReadinessTimeoutError } from './errors';
import { withFileLock } from './file-lock';
import { openLogForStart, tailOfLog } from './log-file';
import { readPidRecord, removePidFile, writePidRecord, type PidRecord } from './pid-file';
import { isPortOpen } from './port-probe';
import { relativeToWorkspace, type StackPaths } from './stack-paths';
import { waitUntil } from './wait-until';

export interface SupervisedProcess {
  /** Names the pid file and the log file: .stack/run/<name>.pid, .stack/logs/<name>.log. */
  readonly name: string;
  /** Human wording for messages, e.g. "Kafka broker". */
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** A substring of the command line that identifies this process (a path inside .stack). */
  readonly marker: string;
  readonly host: string;
  readonly port: number;
  readonly isReady: () => Promise<boolean>;
  readonly readyTimeoutMs: number;
  /** Runs only when a new process is about to start (write config, format storage…). */
  readonly prepare?: () => Promise<void>;
}

export type RunOutcome =
  | { readonly kind: 'started'; readonly pid: number }
  | { readonly kind: 'running'; readonly pid: number }
  | { readonly kind: 'running-unmanaged' };

export type StopOutcome =
  | { readonly kind: 'stopped'; readonly pid: number; readonly forced: boolean }
  | { readonly kind: 'not-running' };

const UNMANAGED_READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 30_000;
const KILL_WAIT_MS = 5_000;

/**
 * Starts `spec` unless it already runs. A process counts as ours only through its pid file; a port
 * that answers without one belongs to someone else, so it is used but never recorded or stopped.
 */
export function ensureRunning(spec: SupervisedProcess, paths: StackPaths): Promise<RunOutcome> {
  return withFileLock(paths.lockFile(spec.name), () => ensureRunningLocked(spec, paths));
}

async function ensureRunningLocked(spec: SupervisedProcess, paths: StackPaths): Promise<RunOutcome> {
  const pidFile = paths.pidFile(spec.name);
  const logFile = paths.logFile(spec.name);
  const owned = ownedProcess(pidFile);
  if (owned) {
    await waitForReady(spec, logFile, () => (isAlive(owned.pid) ? null : exitedError(spec, logFile, 'gone')));
    return { kind: 'running', pid: owned.pid };
  }
  if (await isPortOpen(spec.host, spec.port)) {
    if (!(await waitUntil(spec.isReady, { timeoutMs: UNMANAGED_READY_TIMEOUT_MS }))) {
      throw new PortBusyError(
        `${spec.host}:${spec.port} answers but not as a ${spec.what}, and this tool did not start it; free the port`,
      );
    }
    return { kind: 'running-unmanaged' };
  }
  await spec.prepare?.();
  return startAndWait(spec, pidFile, logFile);
}

export function stopProcess(name: string, paths: StackPaths): Promise<StopOutcome> {
  return withFileLock(paths.lockFile(name), async () => {
    const pidFile = paths.pidFile(name);
    const owned = ownedProcess(pidFile);
    if (!owned) return { kind: 'not-running' };
    const forced = await terminateGroup(owned.pid);
    removePidFile(pidFile);
    return { kind: 'stopped', pid: owned.pid, forced };
  });
}

/** The pid record if its process is still ours; a stale or unreadable pid file is removed. */
export function ownedProcess(pidFile: string): PidRecord | null {
  if (!existsSync(pidFile)) return null;
  const record = readPidRecord(pidFile);
  if (record && isAlive(record.pid) && commandLineMatches(record.pid, record.marker)) return record;
  removePidFile(pidFile);
  return null;
}

async function startAndWait(spec: SupervisedProcess, pidFile: string, logFile: string): Promise<RunOutcome> {
  const commandLine = [spec.command, ...spec.args].join(' ');
  const fd = openLogForStart(logFile, `furnish stack: starting ${spec.name}: ${commandLine}`);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new CommandFailedError(`starting the ${spec.what} failed: ${error.message}`, { cause: error })),
    );
  });
  const pid = child.pid as number;
  let exitStatus: string | null = null;
  child.once('exit', (code, signal) => {
    exitStatus = signal ?? `code ${code}`;
  });
  child.unref();
  writePidRecord(pidFile, { pid, marker: spec.marker, command: commandLine, startedAt: new Date().toISOString() });
  try {
    await waitForReady(spec, logFile, () => (exitStatus ? exitedError(spec, logFile, exitStatus) : null));
  } catch (error) {
    await terminateGroup(pid);
    removePidFile(pidFile);
    throw error;
  }
  return { kind: 'started', pid };
}

async function waitForReady(spec: SupervisedProcess, logFile: string, abortWith: () => Error | null) {
  const ready = await waitUntil(spec.isReady, { timeoutMs: spec.readyTimeoutMs, abortWith });
  if (!ready) {
    throw new ReadinessTimeoutError(
      `${spec.what} was not ready on ${spec.host}:${spec.port} within ${spec.readyTimeoutMs / 1000}s; ` +
        `see ${relativeToWorkspace(logFile)}. Last lines:\n${tailOfLog(logFile)}`,
    );
  }
}

function exitedError(spec: SupervisedProcess, logFile: string, status: string): ProcessExitedError {
  return new ProcessExitedError(
    `${spec.what} exited during start-up (${status}); see ${relativeToWorkspace(logFile)}. ` +
      `Last lines:\n${tailOfLog(logFile)}`,
  );
}

/** SIGTERM to the whole process group, SIGKILL after the grace period. Returns whether it was forced. */
async function terminateGroup(pgid: number): Promise<boolean> {
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntil(async () => !isGroupAlive(pgid), { timeoutMs: STOP_GRACE_MS, intervalMs: 200 })) return false;
  signalGroup(pgid, 'SIGKILL');
  await waitUntil(async () => !isGroupAlive(pgid), { timeoutMs: KILL_WAIT_MS, intervalMs: 100 });
  await sleep(100);
  return true;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function isGroupAlive(pgid: number): boolean {
  return isAlive(-pgid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLineMatches(pid: number, marker: string): boolean {
  let commandLine: string;
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return true;
  }
  return commandLine.includes(marker);
}

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockTimeoutError } from './errors';

const WAIT_LIMIT_MS = 300_000;

/**
 * Serialises one critical section across processes (two `stack:up`s, or `npm test` beside a
 * developer's `stack:up`), so a component is never fetched into or started from the same folder
 * twice. A lock whose holder process is gone is taken over.
 */
export async function withFileLock<T>(lockFile: string, critical: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!tryAcquire(lockFile)) {
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`waited ${WAIT_LIMIT_MS / 1000}s for ${lockFile}; remove it if no stack:up is running`);
    }
    await sleep(250);
  }
  try {
    return await critical();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function tryAcquire(lockFile: string): boolean {
  try {
    const fd = openSync(lockFile, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!holderAlive(lockFile)) rmSync(lockFile, { force: true });
  return false;
}

function holderAlive(lockFile: string): boolean {
  let holder: number;
  try {
    holder = Number(readFileSync(lockFile, 'utf8'));
  } catch {
    return true;
  }
  if (!Number.isInteger(holder) || holder <= 0) return false;
  try {
    process.kill(holder, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked before every attempt; a returned error ends the wait at once (e.g. the process died). */
  readonly abortWith?: () => Error | null;
}

/** Polls `check` until it returns true (→ true) or the timeout passes (→ false). */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const abort = options.abortWith?.();
    if (abort) throw abort;
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(options.intervalMs ?? 500);
  }
}

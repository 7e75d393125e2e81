import { existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

const ROTATE_AT_BYTES = 20 * 1024 * 1024;

/** Opens a component's log for appending (keeping one rotated copy) and writes a start banner. */
export function openLogForStart(file: string, banner: string): number {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file) && statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  const fd = openSync(file, 'a');
  writeSync(fd, `\n===== ${new Date().toISOString()} ${banner} =====\n`);
  return fd;
}

/** The last lines of a log without Java stack frames, which would otherwise crowd out the cause. */
export function tailOfLog(file: string, lines = 15): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text
      .split('\n')
      .filter((line) => !/^\s+at |^\s+\.\.\. \d+ more/.test(line))
      .slice(-lines)
      .join('\n');
  } catch {
    return '(log file missing)';
  }
}

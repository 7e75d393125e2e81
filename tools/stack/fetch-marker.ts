import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARKER = '.fetch-complete';

/**
 * A download is only trusted once its marker exists, so an interrupted fetch (Ctrl-C, network
 * failure) is discarded and redone instead of leaving a half-filled folder that looks usable.
 */
export const fetchMarker = {
  isComplete: (dir: string): boolean => existsSync(path.join(dir, MARKER)),
  discardIncomplete: (dir: string): void => rmSync(dir, { recursive: true, force: true }),
  markComplete: (dir: string): void => writeFileSync(path.join(dir, MARKER), `${new Date().toISOString()}\n`),
};

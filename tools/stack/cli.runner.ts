import { isStackError } from './errors';

/** Runs a CLI body and exits explicitly, so idle HTTP keep-alive sockets never delay the exit. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (isStackError(error)) console.error(`[stack] error (${error.code}): ${error.message}`);
      else console.error('[stack] unexpected error:', error);
      process.exit(1);
    },
  );
}

import { runCli } from './cli.runner';
import { stopServices } from './services';
import { ensureStack } from './stack';
import { stackDir, stackPaths } from './stack-paths';
import { formatStatusTable } from './stack-summary';

/** `npm run stack:up [-- --restart-services]`: the flag restarts the services from the current code. */
runCli(async () => {
  const started = Date.now();
  if (process.argv.includes('--restart-services')) await stopServices(stackPaths(stackDir(process.env)));
  const status = await ensureStack();
  console.log(`\n${formatStatusTable(status.components)}\n`);
  console.log(`[stack] up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
});

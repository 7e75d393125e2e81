import { runCli } from './cli.runner';
import { ensureStack } from './stack';
import { formatStatusTable } from './stack-summary';

runCli(async () => {
  const started = Date.now();
  const status = await ensureStack();
  console.log(`\n${formatStatusTable(status.components)}\n`);
  console.log(`[stack] up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
});

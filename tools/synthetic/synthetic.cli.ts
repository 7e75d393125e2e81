/**
 * The synthetic lender: generates a month of loan and consent events and writes them as JSON lines
 * and/or publishes them to the pipeline's input topics. See docs/synthetic-lender.md.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { PipelineClient } from '../kafka';
import { formatSummary, generateSyntheticMonth, publishSyntheticMonth, writeExpectations, writeJsonLines } from '@furnish/lending-synthetic';
import { CliUsageError, SYNTHETIC_USAGE, parseSyntheticArgs } from './synthetic-cli.args';

async function main(): Promise<void> {
  const options = parseSyntheticArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(SYNTHETIC_USAGE);
    return;
  }
  // With --out - the events go to stdout, so everything else goes to stderr.
  const log = options.out === '-' ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const started = performance.now();
  const month = generateSyntheticMonth(options.generate);
  log(`generated ${month.month} for ${month.borrowers.length} borrowers (seed ${month.seed}, ids *${month.idTag}*) in ${Math.round(performance.now() - started)} ms`);
  log(formatSummary(month.summary));

  if (options.out !== null) {
    const lines = await writeTo(options.out, (out) => writeJsonLines(month, out));
    log(`wrote ${lines} JSON lines to ${options.out === '-' ? 'stdout' : options.out}`);
  }
  if (options.expectations !== null) {
    const lines = await writeTo(options.expectations, (out) => writeExpectations(month, out));
    log(`wrote ${lines} expected consent decisions to ${options.expectations}`);
  }
  if (options.publish) {
    const client = new PipelineClient();
    try {
      const result = await publishSyntheticMonth(client, month, { batchSize: options.batchSize });
      const total = result.consentEvents + result.loanEvents;
      log(
        `published ${result.consentEvents} consent events and ${result.loanEvents} loan events in ${Math.round(result.elapsedMs)} ms ` +
          `(${Math.round(total / (result.elapsedMs / 1000))} messages/s, ${options.batchSize} per request)`,
      );
    } finally {
      await client.close();
    }
  }
}

async function writeTo(path: string, write: (out: Writable) => Promise<number>): Promise<number> {
  if (path === '-') return write(process.stdout);
  const out = createWriteStream(path);
  const lines = await write(out);
  out.end();
  await finished(out);
  return lines;
}

main().catch((error: unknown) => {
  if (error instanceof CliUsageError) {
    console.error(`${error.message}\n\n${SYNTHETIC_USAGE}`);
    process.exit(2);
  }
  console.error(`synthetic lender failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

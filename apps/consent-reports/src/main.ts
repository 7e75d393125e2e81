/**
 * The compliance reports, run where the consent database is reachable (npm scripts locally, the
 * image in a cluster: `consent-reports why|coverage …`). They read only the audit trail and the
 * consent ledger: pseudonymous references and outcomes, no payload, no borrower identity.
 *
 *   why <event-id> [bureau]          why was this loan event (not) reported to each bureau?
 *   coverage --month YYYY-MM [--json] how much of the book was furnished, and why not the rest
 */
import 'reflect-metadata';
import { connectionSecurityFromEnv } from '@furnish/shared-connection-security';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import { coverageOf, isBureau, parseCoverageArgs, renderCoverage, whyReport } from '@furnish/consent-data-access-reports';

const USAGE = `usage: consent-reports why <event-id> [${BUREAUS.join('|')}]
       consent-reports coverage --month YYYY-MM [--json]`;

class UsageError extends Error {}

function database() {
  return connectionSecurityFromEnv(process.env, { DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish' }).postgres!;
}

async function why(args: readonly string[]): Promise<string> {
  const [eventId, bureau, ...extra] = args;
  if (!eventId || extra.length > 0 || (bureau !== undefined && !isBureau(bureau))) throw new UsageError(USAGE);
  const { url, ssl } = database();
  return whyReport({ eventId, bureau: bureau as Bureau | undefined, databaseUrl: url, ssl });
}

async function coverage(args: readonly string[]): Promise<string> {
  let parsed: ReturnType<typeof parseCoverageArgs>;
  try {
    parsed = parseCoverageArgs(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { url, ssl } = database();
  const bureaus = await coverageOf({ from: parsed.from, to: parsed.to, databaseUrl: url, ssl });
  return parsed.json ? JSON.stringify({ month: parsed.month, bureaus }, null, 2) : renderCoverage(parsed.month, bureaus);
}

const COMMANDS: Record<string, (args: readonly string[]) => Promise<string>> = { why, coverage };

async function main([command, ...args]: readonly string[]): Promise<number> {
  const run = command === undefined ? undefined : COMMANDS[command];
  try {
    if (!run) throw new UsageError(USAGE);
    console.log(await run(args));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    console.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));

/**
 * `npm run why -- <event-id> [bureau]`: why was this loan event (not) reported to each bureau?
 * Reads only the audit trail and the consent ledger; shows no payload and no borrower identity.
 */
import { connectionSecurityFromEnv } from '@furnish/shared-connection-security';
import { BUREAUS } from '@furnish/shared-contracts';
import { isBureau, whyReport } from './why-report';

async function main(): Promise<void> {
  const [eventId, bureau] = process.argv.slice(2);
  if (!eventId || (bureau !== undefined && !isBureau(bureau))) {
    console.error(`usage: npm run why -- <event-id> [${BUREAUS.join('|')}]`);
    process.exit(2);
  }
  const database = connectionSecurityFromEnv(process.env, { DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish' }).postgres!;
  console.log(await whyReport({ eventId, bureau: bureau as (typeof BUREAUS)[number] | undefined, databaseUrl: database.url, ssl: database.ssl }));
}

main().catch((error: unknown) => {
  console.error(`why failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

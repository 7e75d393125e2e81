/**
 * `npm run coverage -- --month YYYY-MM [--json]`: how much of the book was furnished to each bureau
 * in a month, and why not the rest. Reads only the consent audit trail: pseudonymous references and
 * outcomes, no payload, no borrower identity.
 */
import { BUREAUS } from '@furnish/shared-contracts';
import { CoverageTally } from '@furnish/consent-domain';
import { ConsentDecisionRepository, createConsentDataSource } from '@furnish/consent-data-access';
import { parseCoverageArgs } from './coverage-args';
import { renderCoverage } from './coverage-report';

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCoverageArgs>;
  try {
    args = parseCoverageArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish';
  const dataSource = createConsentDataSource({ url: databaseUrl, applicationName: 'furnish-coverage', poolSize: 1 });
  await dataSource.initialize();
  try {
    const tally = new CoverageTally(BUREAUS);
    await new ConsentDecisionRepository(dataSource).eachEventOccurredIn(args.from, args.to, (events) => events.forEach((e) => tally.add(e)));
    const coverage = tally.result();
    console.log(args.json ? JSON.stringify({ month: args.month, bureaus: coverage }, null, 2) : renderCoverage(args.month, coverage));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`coverage failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import { BUREAUS } from '@furnish/shared-contracts';
import { CoverageTally, type BureauCoverage } from '@furnish/consent-domain';
import { ConsentDecisionRepository, createConsentDataSource } from '@furnish/consent-data-access';
import type { PostgresTls } from '@furnish/shared-connection-security';

export interface CoverageQuery {
  readonly from: Date;
  readonly to: Date;
  readonly databaseUrl: string;
  /** TLS for the database (as for whyReport); then databaseUrl is its stripped URL. */
  readonly ssl?: false | PostgresTls;
}

/** Per-bureau coverage of the loan events that occurred in [from, to), from the audit trail alone. */
export async function coverageOf(query: CoverageQuery): Promise<BureauCoverage[]> {
  const dataSource = createConsentDataSource({ url: query.databaseUrl, ssl: query.ssl, applicationName: 'furnish-coverage', poolSize: 1 });
  await dataSource.initialize();
  try {
    const tally = new CoverageTally(BUREAUS);
    await new ConsentDecisionRepository(dataSource).eachEventOccurredIn(query.from, query.to, (events) => events.forEach((e) => tally.add(e)));
    return tally.result();
  } finally {
    await dataSource.destroy();
  }
}

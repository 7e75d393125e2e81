import type { DataSource } from 'typeorm';
import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentAction, ConsentFact } from '@furnish/consent-domain';
import { withDatabase } from './database-errors';

interface FactRow {
  borrower_ref: string;
  consent_id: string;
  version: number;
  action: ConsentAction;
  bureaus: string[];
  effective_at: Date;
  expires_at: Date | null;
}

/**
 * Reads the ledger by pseudonymous borrower reference: what the release-time re-check needs, since
 * a record past the filter carries its event id and consent, not the borrower.
 */
export class ConsentFactsByRefRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every consent fact of each borrower reference known now, in one query. */
  async factsFor(borrowerRefs: readonly string[]): Promise<Map<string, ConsentFact[]>> {
    const unique = [...new Set(borrowerRefs)];
    const facts = new Map<string, ConsentFact[]>(unique.map((ref) => [ref, []]));
    if (unique.length === 0) return facts;
    const rows: FactRow[] = await withDatabase(() =>
      this.dataSource.query(
        `SELECT borrower_ref, consent_id, version, action, bureaus, effective_at, expires_at FROM consent_event WHERE borrower_ref = ANY($1)`,
        [unique],
      ),
    );
    for (const row of rows) {
      facts.get(row.borrower_ref)?.push({
        consentId: row.consent_id,
        version: row.version,
        action: row.action,
        bureaus: row.bureaus as Bureau[],
        effectiveAt: row.effective_at,
        expiresAt: row.expires_at,
      });
    }
    return facts;
  }
}

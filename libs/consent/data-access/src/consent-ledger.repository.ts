import type { DataSource } from 'typeorm';
import type { Bureau } from '@furnish/shared-contracts';
import type { ConsentFact } from '@furnish/consent-domain';
import { ConsentEventEntity } from './consent-event.entity';
import { withDatabase } from './database-errors';

export type NewConsentEvent = Omit<ConsentEventEntity, 'receivedAt'>;

/** Reads and appends the consent ledger. */
export class ConsentLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends events in one transaction, ignoring any (consent id, version) already recorded, so a
   * replay of the topic changes nothing. Returns how many rows were new.
   */
  async append(events: readonly NewConsentEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const result = await withDatabase(() =>
      this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ConsentEventEntity)
      .values(events.map((e) => ({ ...e })))
      .orIgnore()
      .returning(['consentId'])
      .execute(),
    );
    return result.raw.length as number;
  }

  /** Every recorded consent fact of each borrower, in one query. */
  async factsFor(borrowerIds: readonly string[]): Promise<Map<string, ConsentFact[]>> {
    const facts = new Map<string, ConsentFact[]>(borrowerIds.map((id) => [id, []]));
    if (borrowerIds.length === 0) return facts;
    const rows = await withDatabase(() =>
      this.dataSource
      .getRepository(ConsentEventEntity)
      .createQueryBuilder('e')
      .where('e.borrower_id = ANY(:ids)', { ids: [...new Set(borrowerIds)] })
      .getMany(),
    );
    for (const row of rows) {
      facts.get(row.borrowerId)?.push({
        consentId: row.consentId,
        version: row.version,
        action: row.action,
        bureaus: row.bureaus as Bureau[],
        effectiveAt: row.effectiveAt,
        expiresAt: row.expiresAt,
      });
    }
    return facts;
  }
}

import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import { explainDecision, type WithholdReason } from '@furnish/consent-domain';
import { ConsentDecisionRepository, ConsentLedgerRepository, createConsentDataSource } from '@furnish/consent-data-access';

export interface WhyQuery {
  readonly eventId: string;
  readonly bureau?: Bureau;
  readonly databaseUrl: string;
}

/** Answers "why was event X (not) reported to bureau B?" from the audit trail and the ledger. */
export async function whyReport(query: WhyQuery): Promise<string> {
  const dataSource = createConsentDataSource({ url: query.databaseUrl, applicationName: 'furnish-why', poolSize: 1 });
  await dataSource.initialize();
  try {
    const decisions = (await new ConsentDecisionRepository(dataSource).forEvent(query.eventId)).filter(
      (d) => query.bureau === undefined || d.bureau === query.bureau,
    );
    if (decisions.length === 0) {
      return `No consent decision is recorded for event ${query.eventId}${query.bureau ? ` and bureau ${query.bureau}` : ''}: the consent filter has not processed it (yet), or the id is wrong.`;
    }
    const history = await new ConsentLedgerRepository(dataSource).eventsByRef(decisions[0].borrowerRef);
    return decisions
      .map((d) =>
        explainDecision(
          {
            eventId: d.eventId,
            bureau: d.bureau as Bureau,
            decision: d.decision,
            reason: d.reason as WithholdReason | null,
            consentId: d.consentId,
            consentVersion: d.consentVersion,
            eventOccurredAt: d.eventOccurredAt,
            decidedAt: d.decidedAt,
            ledgerPosition: d.ledgerPosition,
          },
          history,
        ),
      )
      .join('\n\n');
  } finally {
    await dataSource.destroy();
  }
}

export const isBureau = (value: string): value is Bureau => (BUREAUS as readonly string[]).includes(value);

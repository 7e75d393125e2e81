import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import { explainDecision, finalOutcome, isFilterDecision, type AuditEntry, type WithholdReason } from '@furnish/consent-domain';
import { BureauFeedbackRepository, ConsentDecisionRepository, ConsentLedgerRepository, createConsentDataSource, DeadLetterAccessRepository } from '@furnish/consent-data-access';
import { renderAccess } from '@furnish/consent-dead-letters';
import type { DataSource } from 'typeorm';
import type { PostgresTls } from '@furnish/shared-connection-security';
import { renderBureauStates } from './bureau-state-render';

export interface WhyQuery {
  readonly eventId: string;
  readonly bureau?: Bureau;
  readonly databaseUrl: string;
  /** TLS for the database (DATABASE_URL sslmode and DATABASE_SSL_CA_FILE, via connectionSecurityFromEnv); then databaseUrl is its stripped URL. */
  readonly ssl?: false | PostgresTls;
}

/** Answers "why was event X (not) reported to bureau B?" from the audit trail and the ledger. */
export async function whyReport(query: WhyQuery): Promise<string> {
  const dataSource = createConsentDataSource({ url: query.databaseUrl, ssl: query.ssl, applicationName: 'furnish-why', poolSize: 1 });
  await dataSource.initialize();
  try {
    const redrives = await new DeadLetterAccessRepository(dataSource).redrivesOfEvent(query.eventId);
    const redriveLines = redrives.length === 0 ? '' : `\n\nDead letters of event ${query.eventId} re-driven (dead-letter audit):\n${redrives.map(renderAccess).join('\n')}`;
    const states = await bureauStates(dataSource, query);
    const corrections = await correctionsOf(dataSource, query);
    return (await explainEvent(dataSource, query)) + (corrections ? `\n\n${corrections}` : '') + (states ? `\n\n${states}` : '') + redriveLines;
  } finally {
    await dataSource.destroy();
  }
}

/** The bureau's side of every record published for the event (feedback reconciled by npm run feedback). */
async function bureauStates(dataSource: DataSource, query: WhyQuery): Promise<string> {
  const rows = await new ConsentDecisionRepository(dataSource).forEvent(query.eventId);
  const published = [
    ...new Map(
      rows.filter((r) => r.decision === 'PUBLISHED' && r.recordId !== null && (query.bureau === undefined || r.bureau === query.bureau)).map((r) => [r.recordId!, { bureau: r.bureau, recordId: r.recordId! }]),
    ).values(),
  ];
  return renderBureauStates(published, await new BureauFeedbackRepository(dataSource).historyOf(published.map((p) => p.recordId)));
}

/**
 * What later corrections and retractions (loan-event v3) sent for the records published for the
 * event: each original record → the record that corrected or deleted it, and the correction's event
 * id (its own `why` tells more). An invalidation's deletions are in the event's own trail already.
 */
async function correctionsOf(dataSource: DataSource, query: WhyQuery): Promise<string> {
  const rows: { event_id: string; bureau: string; decision: string; reason: string; original_record_id: string; record_id: string; decided_at: Date }[] = await dataSource.query(
    `SELECT DISTINCT ON (c.record_id) c.event_id, c.bureau, c.decision, c.reason, c.original_record_id, c.record_id, c.decided_at
       FROM consent_decision p
       JOIN consent_decision c ON c.original_record_id = p.record_id AND c.event_id <> p.event_id
      WHERE p.event_id = $1 AND p.decision = 'PUBLISHED' AND ($2::text IS NULL OR p.bureau = $2)
      ORDER BY c.record_id, c.id`,
    [query.eventId, query.bureau ?? null],
  );
  if (rows.length === 0) return '';
  const sorted = [...rows].sort((a, b) => a.decided_at.getTime() - b.decided_at.getTime() || a.record_id.localeCompare(b.record_id));
  return [
    `Corrections and retractions of event ${query.eventId} (loan-event v3):`,
    ...sorted.map(
      (r) =>
        `  ${r.bureau} record ${r.original_record_id} → ${r.decision} (${r.reason}) by event ${r.event_id}: ${r.decision === 'CORRECTED' ? 'correction' : 'deletion'} ${r.record_id} at ${r.decided_at.toISOString()}`,
    ),
  ].join('\n');
}

/** The decisions' explanation per bureau (explain-decision.ts). */
async function explainEvent(dataSource: DataSource, query: WhyQuery): Promise<string> {
  const rows = await new ConsentDecisionRepository(dataSource).forEvent(query.eventId);
  const entries: readonly AuditEntry[] = rows;
  const bureaus = BUREAUS.filter((b) => (query.bureau === undefined || b === query.bureau) && entries.some((e) => e.bureau === b));
  if (bureaus.length === 0) {
    return `No consent decision is recorded for event ${query.eventId}${query.bureau ? ` and bureau ${query.bureau}` : ''}: the consent filter has not processed it (yet), or the id is wrong.`;
  }
  const withRef = rows.find((r) => r.borrowerRef !== null);
  const history = withRef ? await new ConsentLedgerRepository(dataSource).eventsByRef(withRef.borrowerRef!) : [];
  return bureaus
    .map((bureau) => {
      const trail = finalOutcome(bureau, entries);
      const filterRow = rows.find((r) => r.bureau === bureau && isFilterDecision(r));
      if (!filterRow) {
        return `Event ${query.eventId} → ${bureau}: NOT REPORTED (DUPLICATE): ${trail.duplicates.length} deliveries suppressed; the event id was decided before the audit trail recorded decisions.`;
      }
      return explainDecision(
        {
          eventId: filterRow.eventId,
          bureau,
          // A release its bureau's policy does not send (NOT_REPORTABLE with a consent) was a release.
          decision: filterRow.decision === 'WITHHELD' ? 'WITHHELD' : 'RELEASED',
          reason: filterRow.reason as WithholdReason | null,
          consentId: filterRow.consentId,
          consentVersion: filterRow.consentVersion,
          eventOccurredAt: filterRow.eventOccurredAt!,
          decidedAt: filterRow.decidedAt,
          ledgerPosition: filterRow.ledgerPosition ?? {},
        },
        history,
        trail,
      );
    })
    .join('\n\n');
}

export const isBureau = (value: string): value is Bureau => (BUREAUS as readonly string[]).includes(value);

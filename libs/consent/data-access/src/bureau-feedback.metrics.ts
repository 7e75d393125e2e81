import { Counter, type Registry } from 'prom-client';
import { METRICS } from '@furnish/shared-observability';
import { BUREAUS } from '@furnish/shared-contracts';
import type { BureauFeedbackRepository } from './bureau-feedback.repository';

const STORED_STATES = ['ACCEPTED', 'REJECTED', 'RESENT'] as const;

/**
 * Bureau feedback as counters, read from the append-only feedback audit at each scrape (imports
 * run in `npm run feedback`, a short-lived command, so the service that owns the database exports
 * them): records by bureau and state they entered (ACCEPTED, REJECTED, RESENT), and rejections by
 * bureau and code. Code labels are the bureau's code when it is in Furnish's table, `other`
 * otherwise (stored at import), so the label set stays closed. Every (bureau, state) exists at 0
 * from start-up. A scrape while the database is away keeps the last values.
 */
export class BureauFeedbackMetrics {
  constructor(registry: Registry, repository: Pick<BureauFeedbackRepository, 'countsByBureauState' | 'rejectionsByBureauCode'>) {
    const recordTotals = new Map<string, number>();
    const rejectionTotals = new Map<string, number>();
    const records: Counter<'bureau' | 'state'> = new Counter({
      name: METRICS.bureauFeedbackRecords,
      help: 'Outbound records by the bureau state feedback gave them (ACCEPTED, REJECTED, RESENT), by bureau.',
      labelNames: ['bureau', 'state'],
      registers: [registry],
      collect: (): Promise<void> => mirror(records, recordTotals, () => repository.countsByBureauState().then((rows) => rows.map((r) => ({ labels: { bureau: r.bureau, state: r.state as string }, count: r.count })))),
    });
    const rejections: Counter<'bureau' | 'code'> = new Counter({
      name: METRICS.bureauFeedbackRejections,
      help: 'Rejection codes bureaus returned, by bureau and code (codes outside Furnish’s table: other).',
      labelNames: ['bureau', 'code'],
      registers: [registry],
      collect: (): Promise<void> => mirror(rejections, rejectionTotals, () => repository.rejectionsByBureauCode().then((rows) => rows.map((r) => ({ labels: { bureau: r.bureau, code: r.code }, count: r.count })))),
    });
    for (const bureau of BUREAUS) for (const state of STORED_STATES) records.inc({ bureau, state }, 0);
  }
}

type Totals<L extends string> = Promise<{ labels: Record<L, string>; count: number }[]>;

/**
 * Brings a counter up to the audit's totals (append-only, so they only grow), remembering what it
 * has counted in `seen` (reading the counter back would call this collect again); leaves it as it
 * is when the read fails.
 */
async function mirror<L extends string>(counter: Counter<L>, seen: Map<string, number>, read: () => Totals<L>): Promise<void> {
  let totals: Awaited<Totals<L>>;
  try {
    totals = await read();
  } catch {
    return;
  }
  for (const { labels, count } of totals) {
    const key = JSON.stringify(labels);
    const delta = count - (seen.get(key) ?? 0);
    if (delta > 0) {
      counter.inc(labels as never, delta);
      seen.set(key, count);
    }
  }
}

import { Counter, Histogram, type Registry } from 'prom-client';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import { WITHHOLD_REASONS, type WithholdReason } from '@furnish/consent-domain';

/** Consent decisions and the filter's waits for the ledger; labels are bureaus and reasons only. */
export class ConsentFilterMetrics {
  private readonly decisions: Counter<'bureau' | 'decision' | 'reason'>;
  private readonly ledgerWait: Histogram;
  private readonly duplicateDeliveries: Counter<'bureau'>;
  private readonly notSentReleases: Counter<'bureau'>;

  constructor(registry: Registry) {
    this.decisions = new Counter({
      name: 'furnish_consent_decisions_total',
      help: 'Consent decisions per (loan event, bureau): released, or withheld by reason.',
      labelNames: ['bureau', 'decision', 'reason'],
      registers: [registry],
    });
    this.duplicateDeliveries = new Counter({
      name: 'furnish_consent_duplicates_total',
      help: 'Deliveries of a loan event id already decided within the idempotency window, suppressed per bureau (nothing furnished).',
      labelNames: ['bureau'],
      registers: [registry],
    });
    this.notSentReleases = new Counter({
      name: 'furnish_consent_not_sent_total',
      help: "Releases per bureau of an event type the bureau's minimisation policy does not send: audited NOT_REPORTABLE, not put on the consented topic.",
      labelNames: ['bureau'],
      registers: [registry],
    });
    // A closed label set: every series exists from start-up, so rate() and alerts see 0, not absence.
    for (const bureau of BUREAUS) {
      this.duplicateDeliveries.inc({ bureau }, 0);
      this.notSentReleases.inc({ bureau }, 0);
    }
    this.ledgerWait = new Histogram({
      name: 'furnish_consent_ledger_wait_seconds',
      help: 'Time a chunk waited for the consent ledger to apply every consent event published before it.',
      buckets: [0, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    // Every (bureau, reason) exists from the start, so rates and alerts see zeros, not absent series.
    for (const bureau of BUREAUS) {
      this.decisions.inc({ bureau, decision: 'released', reason: 'consented' }, 0);
      for (const reason of WITHHOLD_REASONS) this.decisions.inc({ bureau, decision: 'withheld', reason: reason.toLowerCase() }, 0);
    }
  }

  /** Counts a chunk's decisions, one increment per label set rather than per decision. */
  decided(decisions: readonly { bureau: Bureau; decision: 'RELEASED' | 'WITHHELD'; reason: WithholdReason | null }[]): void {
    const tally = new Map<string, { bureau: Bureau; decision: string; reason: string; count: number }>();
    for (const { bureau, decision, reason } of decisions) {
      const key = `${bureau} ${reason ?? 'consented'}`;
      const entry = tally.get(key);
      if (entry) entry.count++;
      else tally.set(key, { bureau, decision: decision.toLowerCase(), reason: reason?.toLowerCase() ?? 'consented', count: 1 });
    }
    for (const { count, ...labels } of tally.values()) this.decisions.inc(labels, count);
  }

  duplicates(bureaus: readonly Bureau[]): void {
    countPerBureau(this.duplicateDeliveries, bureaus);
  }

  notSent(bureaus: readonly Bureau[]): void {
    countPerBureau(this.notSentReleases, bureaus);
  }

  waitedForLedger(ms: number): void {
    this.ledgerWait.observe(ms / 1000);
  }
}

/** One increment per bureau rather than per item. */
function countPerBureau(counter: Counter<'bureau'>, bureaus: readonly Bureau[]): void {
  const tally = new Map<Bureau, number>();
  for (const bureau of bureaus) tally.set(bureau, (tally.get(bureau) ?? 0) + 1);
  for (const [bureau, count] of tally) counter.inc({ bureau }, count);
}

import { Counter, type Registry } from 'prom-client';
import { CONSENT_ACTION_SYMBOLS, type ConsentAction } from '@furnish/shared-contracts';
import type { ErrorCode } from '@furnish/shared-util-errors';

/** Why the ledger rejects a consent event it could decode: the closed set of the `reason` label. */
export const CONSENT_REJECT_REASONS = ['CONSENT_VERSION_CONFLICT', 'KEY_MISMATCH', 'EVENT_INVALID', 'RECORD_UNSTORABLE'] as const satisfies readonly ErrorCode[];
export type ConsentRejectReason = (typeof CONSENT_REJECT_REASONS)[number];

/**
 * What became of each consent event, by action: recorded, replayed (a no-op) or rejected to the DLQ
 * by reason. Every label set exists from start-up at 0, so an alert on a rise works from the first one.
 */
export class ConsentLedgerMetrics {
  private readonly recordedTotal: Counter<'action'>;
  private readonly replayedTotal: Counter<'action'>;
  private readonly rejectedTotal: Counter<'action' | 'reason'>;

  constructor(registry: Registry) {
    this.recordedTotal = new Counter({
      name: 'furnish_consent_events_recorded_total',
      help: 'Consent events appended to the ledger, by action.',
      labelNames: ['action'],
      registers: [registry],
    });
    this.replayedTotal = new Counter({
      name: 'furnish_consent_events_replayed_total',
      help: 'Consent events already recorded with the same content (redeliveries): no-ops, by action.',
      labelNames: ['action'],
      registers: [registry],
    });
    this.rejectedTotal = new Counter({
      name: 'furnish_consent_events_rejected_total',
      help: 'Consent events rejected to the DLQ, by action and reason; any rejected WITHDRAWN is alert-worthy.',
      labelNames: ['action', 'reason'],
      registers: [registry],
    });
    for (const action of CONSENT_ACTION_SYMBOLS) {
      this.recordedTotal.inc({ action }, 0);
      this.replayedTotal.inc({ action }, 0);
      for (const reason of CONSENT_REJECT_REASONS) this.rejectedTotal.inc({ action, reason }, 0);
    }
  }

  recorded(action: ConsentAction): void {
    this.recordedTotal.inc({ action });
  }

  replayed(action: ConsentAction): void {
    this.replayedTotal.inc({ action });
  }

  rejected(action: ConsentAction, reason: ConsentRejectReason): void {
    this.rejectedTotal.inc({ action, reason });
  }
}

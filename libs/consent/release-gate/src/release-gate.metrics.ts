import { Counter, type Registry } from 'prom-client';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import { RELEASE_WITHHOLD_REASONS, type ReleaseWithholdReason } from '@furnish/consent-domain';

/** Records withheld by the release-time re-check; labels are bureaus and reasons only. */
export class ReleaseGateMetrics {
  private readonly withheld: Counter<'bureau' | 'reason'>;
  private readonly deletions: Counter<'bureau' | 'reason'>;
  private readonly undeletable: Counter<'bureau'>;
  private readonly corrections: Counter<'bureau'>;

  constructor(registry: Registry) {
    this.withheld = new Counter({
      name: 'furnish_consent_release_withheld_total',
      help: 'Records the consent filter released but the release-time re-check withheld, per bureau and reason.',
      labelNames: ['bureau', 'reason'],
      registers: [registry],
    });
    // A closed label set: every series exists from start-up, so alerts see 0, not absence.
    for (const bureau of BUREAUS) for (const reason of RELEASE_WITHHOLD_REASONS) this.withheld.inc({ bureau, reason: reason.toLowerCase() }, 0);
    this.deletions = new Counter({
      name: 'furnish_bureau_deletions_total',
      help: 'Deletion records sent to a bureau for records it already holds, per bureau and reason (consent_invalidated, event_retracted).',
      labelNames: ['bureau', 'reason'],
      registers: [registry],
    });
    this.undeletable = new Counter({
      name: 'furnish_bureau_deletions_unavailable_total',
      help: 'Published records under an invalidated consent, or of a retracted event, that Furnish could not delete (no deletion form for the bureau, published before keys were kept, or a Metro 2 record without its sealed copy): each needs a manual deletion at the bureau.',
      labelNames: ['bureau'],
      registers: [registry],
    });
    this.corrections = new Counter({
      name: 'furnish_bureau_corrections_total',
      help: 'Correction records sent to a bureau for records it already holds (loan-event v3 corrections: PBOC 212, Baihang opCode M, Metro 2 CorrectionIndicator 1), per bureau.',
      labelNames: ['bureau'],
      registers: [registry],
    });
    for (const bureau of BUREAUS) {
      this.deletions.inc({ bureau, reason: 'consent_invalidated' }, 0);
      this.deletions.inc({ bureau, reason: 'event_retracted' }, 0);
      this.undeletable.inc({ bureau }, 0);
      this.corrections.inc({ bureau }, 0);
    }
  }

  corrected(bureau: Bureau): void {
    this.corrections.inc({ bureau });
  }

  deleted(bureau: Bureau, reason: 'CONSENT_INVALIDATED' | 'EVENT_RETRACTED'): void {
    this.deletions.inc({ bureau, reason: reason.toLowerCase() });
  }

  deletionUnavailable(bureau: Bureau): void {
    this.undeletable.inc({ bureau });
  }

  withheldAtRelease(bureau: Bureau, reason: ReleaseWithholdReason): void {
    this.withheld.inc({ bureau, reason: reason.toLowerCase() });
  }
}

import { Counter, type Registry } from 'prom-client';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import { RELEASE_WITHHOLD_REASONS, type ReleaseWithholdReason } from '@furnish/consent-domain';

/** Records withheld by the release-time re-check; labels are bureaus and reasons only. */
export class ReleaseGateMetrics {
  private readonly withheld: Counter<'bureau' | 'reason'>;

  constructor(registry: Registry) {
    this.withheld = new Counter({
      name: 'furnish_consent_release_withheld_total',
      help: 'Records the consent filter released but the release-time re-check withheld, per bureau and reason.',
      labelNames: ['bureau', 'reason'],
      registers: [registry],
    });
    // A closed label set: every series exists from start-up, so alerts see 0, not absence.
    for (const bureau of BUREAUS) for (const reason of RELEASE_WITHHOLD_REASONS) this.withheld.inc({ bureau, reason: reason.toLowerCase() }, 0);
  }

  withheldAtRelease(bureau: Bureau, reason: ReleaseWithholdReason): void {
    this.withheld.inc({ bureau, reason: reason.toLowerCase() });
  }
}
